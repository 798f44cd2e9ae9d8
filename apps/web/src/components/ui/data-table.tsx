import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { Skeleton } from './skeleton';

/** One column of a {@link DataTable}: what its header says and how it renders a row. */
export interface DataTableColumn<T> {
  /** Stable id (also the `data-column` of its cells). */
  id: string;
  /** Header content (text, a sort button, a select-all checkbox). */
  header: ReactNode;
  /** The column's name in words: the label before each value in the stacked phone layout. */
  label: string;
  cell: (row: T) => ReactNode;
  /** The header is read by screen readers only (e.g. "Actions"). */
  srOnlyHeader?: boolean;
  /** The stacked phone layout shows no label before this value (user, checkbox, actions). */
  unlabelledWhenStacked?: boolean;
  align?: 'left' | 'right';
  /** Extra classes of the body cells (e.g. `w-10`, `font-mono`). */
  className?: string;
  /** Extra classes of the header cell (e.g. `w-10`). */
  headerClassName?: string;
  ariaSort?: 'ascending' | 'descending' | undefined;
}

/** Attributes of one body row (test hooks, selection state, tone). */
export type DataTableRowProps = HTMLAttributes<HTMLTableRowElement> & { [dataAttribute: `data-${string}`]: string | boolean | undefined };

export interface DataTableProps<T> {
  columns: ReadonlyArray<DataTableColumn<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => DataTableRowProps;
  caption: string;
  /** Newer rows are on their way: the rows are dimmed and marked busy (actions should be locked by the caller). */
  busy?: boolean;
  'data-testid'?: string;
  className?: string;
}

// Tighter cells where the sidebar leaves the table little room (1024–1279 px windows).
const headerCell = 'px-2 py-2.5 xl:px-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase';
/**
 * Body cells: a table cell from `lg` up; below, a "label  value" line of a stacked card, whose value
 * wraps anywhere (a card has one width to offer, and Keycloak's values need not have spaces).
 */
const bodyCell = cn(
  'px-2 py-3 align-top text-sm text-slate-700 xl:px-3',
  'max-lg:flex max-lg:min-w-0 max-lg:items-start max-lg:gap-3 max-lg:px-4 max-lg:py-1 max-lg:wrap-anywhere',
);
const stackedLabel =
  'max-lg:before:w-24 max-lg:before:shrink-0 max-lg:before:pt-0.5 max-lg:before:text-xs max-lg:before:font-medium max-lg:before:text-slate-500 max-lg:before:content-[attr(data-label)]';

/**
 * A column-driven table that fits from 360 px up: a normal table from `lg` (1024 px), stacked rows
 * (one card per row, "label value" lines) below it. Its frame scrolls by itself if a row still
 * cannot fit, never the page (the frame is `relative`, so screen-reader-only headers stay inside).
 * Cards go up to `lg`, not `md`: from `md` the sidebar leaves the page 494 px at 768, narrower than
 * any of the console's tables (593–831 px there, measured by e2e/layout.spec.ts).
 */
export function DataTable<T>({ columns, rows, rowKey, rowProps, caption, busy = false, className, ...rest }: DataTableProps<T>) {
  return (
    <div className={cn('relative overflow-x-auto transition-opacity', busy && 'opacity-50', className)}>
      <table
        data-testid={rest['data-testid']}
        aria-busy={busy || undefined}
        className="w-full divide-y divide-slate-200 max-lg:block max-lg:divide-y-0"
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 max-lg:sr-only">
          <tr>
            {columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                aria-sort={column.ariaSort}
                className={cn(headerCell, column.align === 'right' && 'text-right', column.headerClassName)}
              >
                {column.srOnlyHeader ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white max-lg:block">
          {rows.map((row) => {
            const props = rowProps?.(row) ?? {};
            return (
              <tr key={rowKey(row)} {...props} className={cn('max-lg:block max-lg:py-2', props.className)}>
                {columns.map((column) => (
                  <td
                    key={column.id}
                    data-column={column.id}
                    data-label={column.unlabelledWhenStacked ? undefined : column.label}
                    className={cn(
                      bodyCell,
                      !column.unlabelledWhenStacked && stackedLabel,
                      column.align === 'right' && 'lg:text-right',
                      column.className,
                    )}
                  >
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The same table's header with grey bars while the first rows load. */
export function DataTableSkeleton<T>({ columns, rows = 6, label }: { columns: ReadonlyArray<DataTableColumn<T>>; rows?: number; label: string }) {
  return (
    <div className="relative overflow-x-auto">
      <p className="sr-only">{label}</p>
      <table aria-hidden="true" className="w-full divide-y divide-slate-200">
        <thead className="border-b border-slate-200 bg-slate-50 max-lg:hidden">
          <tr>
            {columns.map((column) => (
              <th key={column.id} className={cn(headerCell, column.align === 'right' && 'text-right')}>
                {column.srOnlyHeader ? null : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {Array.from({ length: rows }, (_, row) => (
            <tr key={row}>
              {columns.map((column, index) => (
                <td key={column.id} className={cn('px-3 py-3', index > 1 && 'max-lg:hidden')}>
                  <Skeleton className={index === 0 ? 'w-32' : 'w-16'} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
