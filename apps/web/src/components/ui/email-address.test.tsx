import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EmailAddress } from './email-address';

const parts = (container: HTMLElement) => [...container.querySelectorAll('span')].map((span) => span.textContent);

describe('EmailAddress', () => {
  it('may wrap before the @ and before each dot of the domain only, and reads as the address', () => {
    const { container } = render(<EmailAddress address="anna-lena.berg@mail.example-corp.co.uk" />);
    expect(container.textContent).toBe('anna-lena.berg@mail.example-corp.co.uk');
    expect(parts(container)).toEqual(['anna-lena.berg', '@mail', '.example-corp', '.co', '.uk']);
    expect(container.querySelectorAll('wbr')).toHaveLength(4);
    for (const span of container.querySelectorAll('span')) expect(span.className).toContain('whitespace-nowrap');
  });

  it('keeps the last @ as the separator (a quoted local part may hold one)', () => {
    const { container } = render(<EmailAddress address={'"a@b"@example.com'} />);
    expect(container.textContent).toBe('"a@b"@example.com');
    expect(parts(container)).toEqual(['"a@b"', '@example', '.com']);
  });

  it('shows a value without an @ whole', () => {
    const { container } = render(<EmailAddress address="not-an-address" />);
    expect(container.textContent).toBe('not-an-address');
    expect(container.querySelectorAll('wbr')).toHaveLength(0);
  });
});
