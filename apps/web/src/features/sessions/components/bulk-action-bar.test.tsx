import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BulkActionBar } from './bulk-action-bar';

const noop = () => undefined;
const bar = (matching: number) =>
  render(<BulkActionBar selected={0} matching={matching} canEndAllMatching onEndSelected={noop} onEndAllMatching={noop} onClearSelection={noop} />);

describe('BulkActionBar', () => {
  it('names how many sessions "end all matching" would end, in words that fit one', () => {
    bar(1);
    expect(screen.getByRole('button', { name: 'End the 1 matching…' })).toBeTruthy();
  });

  it('says "all" for several', () => {
    bar(1234);
    expect(screen.getByRole('button', { name: 'End all 1,234 matching…' })).toBeTruthy();
  });
});
