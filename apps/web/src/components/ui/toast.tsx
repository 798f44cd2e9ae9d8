import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { cn } from '@/lib/cn';
import { CloseIcon } from '@/components/ui/icons';
import { SolidIcon } from '@/components/ui/icons';

export type ToastTone = 'success' | 'info' | 'error';

export interface ToastOptions {
  title: string;
  description?: string;
  tone?: ToastTone;
}

interface ToastItem extends ToastOptions {
  id: number;
}

interface ToastApi {
  /** Shows a toast; it dismisses itself after a few seconds (paused while hovered or focused). */
  show: (options: ToastOptions) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** The viewport carries `data-keep-interactive`, so an open dialog does not make it inert. */
export const TOAST_DURATION_MS = 6_000;
const MAX_VISIBLE = 3;

export function ToastProvider({ children, durationMs = TOAST_DURATION_MS }: { children: ReactNode; durationMs?: number }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(0);

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const show = useCallback((options: ToastOptions) => {
    nextId.current += 1;
    const id = nextId.current;
    setToasts((current) => [...current.slice(-(MAX_VISIBLE - 1)), { ...options, id }]);
    return id;
  }, []);
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <ToastContext value={api}>
      {children}
      {createPortal(
        <div
          data-keep-interactive=""
          className="pointer-events-none fixed inset-x-0 bottom-0 z-[60] flex flex-col items-center gap-2 p-4 sm:items-end sm:p-6"
        >
          {toasts.map((toast) => (
            <Toast key={toast.id} toast={toast} durationMs={durationMs} onDismiss={dismiss} />
          ))}
        </div>,
        document.body,
      )}
    </ToastContext>
  );
}

export function useToast(): ToastApi {
  const api = use(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}

const tones: Record<ToastTone, { ring: string; icon: string; path: string }> = {
  success: {
    ring: 'ring-emerald-200',
    icon: 'text-emerald-600',
    path: 'M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.7-9.3a1 1 0 0 0-1.4-1.4L9 10.6 7.7 9.3a1 1 0 0 0-1.4 1.4l2 2a1 1 0 0 0 1.4 0l4-4Z',
  },
  info: {
    ring: 'ring-slate-200',
    icon: 'text-accent-600',
    path: 'M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm-.75-9.5a.75.75 0 0 1 1.5 0v5a.75.75 0 0 1-1.5 0v-5ZM10 7.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z',
  },
  error: {
    ring: 'ring-red-200',
    icon: 'text-red-600',
    path: 'M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm-.75-11.5a.75.75 0 0 1 1.5 0v4a.75.75 0 0 1-1.5 0v-4ZM10 14.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z',
  },
};

function Toast({ toast, durationMs, onDismiss }: { toast: ToastItem; durationMs: number; onDismiss: (id: number) => void }) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;
  const tone = tones[toast.tone ?? 'success'];

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(toast.id), durationMs);
    return () => clearTimeout(timer);
  }, [paused, durationMs, onDismiss, toast.id]);

  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      className={cn(
        'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg bg-white px-4 py-3 shadow-lg ring-1',
        tone.ring,
      )}
    >
      <SolidIcon className={cn('mt-0.5 size-5 shrink-0', tone.icon)} d={tone.path} />
      <div className="min-w-0 flex-1 text-sm wrap-anywhere">
        <p className="font-medium text-slate-900">{toast.title}</p>
        {toast.description ? <p className="mt-0.5 text-slate-600">{toast.description}</p> : null}
      </div>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(toast.id)}
        className="-m-1 shrink-0 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-accent-600"
      >
        <CloseIcon className="size-4" />
      </button>
    </div>
  );
}
