import { Pagination } from '@/components/ui/pagination';
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
export function SessionsPagination({ count, total, ...page }: SessionsPaginationProps) {
  const to = page.first + count;
  const range =
    count > 0 ? (
      <>
        Showing <span className="font-medium text-slate-900">{formatNumber(page.first + 1)}</span>–
        <span className="font-medium text-slate-900">{formatNumber(to)}</span> of{' '}
        <span className="font-medium text-slate-900">{formatNumber(total)}</span>
      </>
    ) : (
      <>
        {formatNumber(total)} {total === 1 ? 'session' : 'sessions'} in total
      </>
    );
  return <Pagination {...page} sizes={PAGE_SIZES} hasNext={to < total} range={range} rangeTestId="sessions-range" />;
}
