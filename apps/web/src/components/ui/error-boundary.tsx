import { Component, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  /** What to show instead of `children` once they threw while rendering. */
  fallback: (error: unknown) => ReactNode;
  /** A new value (e.g. the URL after a navigation) shows `children` again. */
  resetKey?: string | undefined;
  children: ReactNode;
}

interface ErrorBoundaryState {
  caught: boolean;
  error: unknown;
  resetKey: string | undefined;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { caught: false, error: undefined, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { caught: true, error };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { caught: false, error: undefined, resetKey: props.resetKey };
  }

  override render() {
    return this.state.caught ? this.props.fallback(this.state.error) : this.props.children;
  }
}
