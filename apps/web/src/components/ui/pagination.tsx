import { useId, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/select';

export interface PaginationProps<Size extends number> {
  /** Offset of the first row on this page (0-based). */
  first: number;
  /** Rows per page, one of `sizes`. */
  max: Size;
  sizes: readonly Size[];
  /** Whether there is a page after this one. */
  hasNext: boolean;
  /** The range text ("Showing 1–50 of 1,234"). */
  range: ReactNode;
  /** `data-testid` of the range paragraph. */
  rangeTestId: string;
  onFirstChange: (first: number) => void;
  onMaxChange: (max: Size) => void;
}

/** The range text, the page size and Previous / Next under a list; wraps on narrow screens. */
export function Pagination<Size extends number>({ first, max, sizes, hasNext, range, rangeTestId, onFirstChange, onMaxChange }: PaginationProps<Size>) {
  const sizeId = useId();
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
              if (size) onMaxChange(size);
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
          <Button variant="secondary" size="sm" aria-label="Previous page" disabled={first <= 0} onClick={() => onFirstChange(Math.max(0, first - max))}>
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
