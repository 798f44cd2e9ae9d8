import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/select';
import { formatNumber } from '@/lib/format';
import { PAGE_SIZES, type PageSize } from '../lib/sessions-view';

export interface SessionsPaginationProps {
  first: number;
  max: PageSize;
  /** Rows on this page. */
  count: number;
  total: number;
  onFirstChange: (first: number) => void;
  onMaxChange: (max: PageSize) => void;
}

/** "Showing 1–50 of 1,234", previous/next and the page size. */
export function SessionsPagination({ first, max, count, total, onFirstChange, onMaxChange }: SessionsPaginationProps) {
  const sizeId = useId();
  const from = count > 0 ? first + 1 : 0;
  const to = first + count;
  const hasPrevious = first > 0;
  const hasNext = to < total;

  return (
    <nav aria-label="Pagination" className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-slate-600" data-testid="sessions-range">
        {count > 0 ? (
          <>
            Showing <span className="font-medium text-slate-900">{formatNumber(from)}</span>–
            <span className="font-medium text-slate-900">{formatNumber(to)}</span> of{' '}
            <span className="font-medium text-slate-900">{formatNumber(total)}</span>
          </>
        ) : (
          <>
            {formatNumber(total)} {total === 1 ? 'session' : 'sessions'} in total
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId} className="text-sm whitespace-nowrap text-slate-600">
            Rows per page
          </label>
          <Select
            id={sizeId}
            className="w-20"
            value={max}
            onChange={(event) => {
              const size = Number(event.target.value);
              const match = PAGE_SIZES.find((candidate) => candidate === size);
              if (match) onMaxChange(match);
            }}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex gap-2">
          <Button
            variant="secondary"
            size="sm"
            aria-label="Previous page"
            disabled={!hasPrevious}
            onClick={() => onFirstChange(Math.max(0, first - max))}
          >
            Previous
          </Button>
          <Button variant="secondary" size="sm" aria-label="Next page" disabled={!hasNext} onClick={() => onFirstChange(first + max)}>
            Next
          </Button>
        </div>
      </div>
    </nav>
  );
}
