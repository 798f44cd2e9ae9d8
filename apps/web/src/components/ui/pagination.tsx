import { useId, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/select';

/** Where a paged list stands: the offset of the first row (0-based) and the rows per page. */
export interface PageWindow<Size extends number> {
  first: number;
  max: Size;
}

/** What a paged list's pagination needs from its page: the window and how to move it. */
export interface PageControls<Size extends number> {
  page: PageWindow<Size>;
  /** A new offset (Previous / Next) or a new page size. */
  onPageChange: (change: { first: number } | { max: Size }) => void;
}

export interface PaginationProps<Size extends number> extends PageControls<Size> {
  /** The page sizes offered; `page.max` is one of them. */
  sizes: readonly Size[];
  /** Whether there is a page after this one. */
  hasNext: boolean;
  /** The range text ("Showing 1–50 of 1,234"). */
  range: ReactNode;
  /** `data-testid` of the range paragraph. */
  rangeTestId: string;
}

/** The range text, the page size and Previous / Next under a list; wraps on narrow screens. */
export function Pagination<Size extends number>({ page, onPageChange, sizes, hasNext, range, rangeTestId }: PaginationProps<Size>) {
  const sizeId = useId();
  const { first, max } = page;
  return (
    <nav aria-label="Pagination" className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-slate-600" data-testid={rangeTestId}>
        {range}
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
              const size = sizes.find((candidate) => candidate === Number(event.target.value));
              if (size) onPageChange({ max: size });
            }}
          >
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" aria-label="Previous page" disabled={first <= 0} onClick={() => onPageChange({ first: Math.max(0, first - max) })}>
            Previous
          </Button>
          <Button variant="secondary" size="sm" aria-label="Next page" disabled={!hasNext} onClick={() => onPageChange({ first: first + max })}>
            Next
          </Button>
        </div>
      </div>
    </nav>
  );
}
