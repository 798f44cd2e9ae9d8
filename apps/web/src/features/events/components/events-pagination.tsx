import { Pagination, type PageControls } from '@/components/ui/pagination';
import { formatNumber } from '@/lib/format';
import { EVENTS_PAGE_SIZES, type EventsPageSize } from '../lib/events-view';

export interface EventsPaginationProps extends PageControls<EventsPageSize> {
  /** Events on this page. */
  count: number;
  /** Keycloak has more after this page. */
  more: boolean;
}

/** "Events 51–100", Previous / Next (Keycloak does not count its events, so there is no total). */
export function EventsPagination(props: EventsPaginationProps) {
  const { count, more } = props;
  const range =
    count > 0 ? (
      <>
        Events <span className="font-medium text-slate-900">{formatNumber(props.page.first + 1)}</span>–
        <span className="font-medium text-slate-900">{formatNumber(props.page.first + count)}</span>
        {more ? ', more on the next page' : ''}
      </>
    ) : (
      'No events on this page'
    );
  return <Pagination {...props} sizes={EVENTS_PAGE_SIZES} hasNext={more} range={range} rangeTestId="events-range" />;
}
