import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/select';
import { formatNumber } from '@/lib/format';
import { EVENTS_PAGE_SIZES, type EventsPageSize } from '../lib/events-view';

export interface EventsPaginationProps {
  first: number;
  max: EventsPageSize;
  /** Events on this page. */
  count: number;
  /** Keycloak has more after this page. */
  more: boolean;
  onFirstChange: (first: number) => void;
  onMaxChange: (max: EventsPageSize) => void;
}

/** "Events 51–100", Previous / Next (Keycloak does not count its events, so there is no total). */
export function EventsPagination({ first, max, count, more, onFirstChange, onMaxChange }: EventsPaginationProps) {
  const sizeId = useId();
  return (
    <nav aria-label="Pagination" className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-slate-600" data-testid="events-range">
        {count > 0 ? (
          <>
            Events <span className="font-medium text-slate-900">{formatNumber(first + 1)}</span>–
            <span className="font-medium text-slate-900">{formatNumber(first + count)}</span>
            {more ? ', more on the next page' : ''}
          </>
        ) : (
          'No events on this page'
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
              const size = EVENTS_PAGE_SIZES.find((candidate) => candidate === Number(event.target.value));
              if (size) onMaxChange(size);
            }}
          >
            {EVENTS_PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" aria-label="Previous page" disabled={first === 0} onClick={() => onFirstChange(Math.max(0, first - max))}>
            Previous
          </Button>
          <Button variant="secondary" size="sm" aria-label="Next page" disabled={!more} onClick={() => onFirstChange(first + max)}>
            Next
          </Button>
        </div>
      </div>
    </nav>
  );
}
