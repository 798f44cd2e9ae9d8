import { Pagination } from '@/components/ui/pagination';
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
export function EventsPagination({ count, more, ...page }: EventsPaginationProps) {
  const range =
    count > 0 ? (
      <>
        Events <span className="font-medium text-slate-900">{formatNumber(page.first + 1)}</span>–
        <span className="font-medium text-slate-900">{formatNumber(page.first + count)}</span>
        {more ? ', more on the next page' : ''}
      </>
    ) : (
      'No events on this page'
    );
  return <Pagination {...page} sizes={EVENTS_PAGE_SIZES} hasNext={more} range={range} rangeTestId="events-range" />;
}
