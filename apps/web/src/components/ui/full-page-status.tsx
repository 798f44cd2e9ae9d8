import type { ReactNode } from 'react';
import { BrandMark } from './brand-mark';
import { Spinner } from './spinner';

/**
 * Whole-screen state before the shell can render (loading the operator, signing in).
 * The text sits in a polite live region so screen readers announce it.
 */
export function FullPageStatus({ title, description }: { title: string; description?: ReactNode }) {
  return (
    <div className="flex min-h-dvh items-center justify-center bg-slate-50 px-4">
      <div role="status" aria-live="polite" className="flex flex-col items-center text-center">
        <BrandMark className="size-10" />
        <div className="mt-6 flex items-center gap-3 text-slate-700">
          <Spinner className="text-accent-600" />
          <p className="text-base font-medium">{title}</p>
        </div>
        {description ? <p className="mt-2 max-w-sm text-sm text-slate-500">{description}</p> : null}
      </div>
    </div>
  );
}

/** Whole-screen frame for messages (errors, signed out, not found) outside the shell; `brand` heads it with the logo and that name. */
export function FullPageMessage({ brand, children }: { brand?: string; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 py-12">
      <main className="w-full max-w-lg">
        {brand ? (
          <div className="mb-6 flex items-center gap-3">
            <BrandMark />
            <span className="text-lg font-semibold text-slate-900">{brand}</span>
          </div>
        ) : null}
        {children}
      </main>
    </div>
  );
}
