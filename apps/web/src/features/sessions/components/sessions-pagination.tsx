import { Pagination, type PageControls } from '@/components/ui/pagination';
import { formatNumber } from '@/lib/format';
import { PAGE_SIZES, type PageSize } from '../lib/sessions-view';

export interface SessionsPaginationProps extends PageControls<PageSize> {
  /** Rows on this page. */
  count: number;
  total: number;
}

/** "Showing 1–50 of 1,234", previous/next and the page size. */
export function SessionsPagination(props: SessionsPaginationProps) {
  const { count, total } = props;
  const to = props.page.first + count;
  const range =
    count > 0 ? (
      <>
        Showing <span className="font-medium text-slate-900">{formatNumber(props.page.first + 1)}</span>–
        <span className="font-medium text-slate-900">{formatNumber(to)}</span> of{' '}
        <span className="font-medium text-slate-900">{formatNumber(total)}</span>
      </>
    ) : (
      <>
        {formatNumber(total)} {total === 1 ? 'session' : 'sessions'} in total
      </>
    );
  return <Pagination {...props} sizes={PAGE_SIZES} hasNext={to < total} range={range} rangeTestId="sessions-range" />;
}
