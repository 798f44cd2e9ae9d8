import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EmailAddress } from './email-address';

/** The text between break opportunities (`<wbr>`). */
const pieces = (container: HTMLElement) => container.innerHTML.split('<wbr>');

describe('EmailAddress', () => {
  it('offers a break before the @ and before each dot of the domain, and reads as the address', () => {
    const { container } = render(<EmailAddress address="anna-lena.berg@mail.example-corp.co.uk" />);
    expect(container.textContent).toBe('anna-lena.berg@mail.example-corp.co.uk');
    expect(pieces(container)).toEqual(['anna-lena.berg', '@mail', '.example-corp', '.co', '.uk']);
  });

  it('keeps the last @ as the separator (a quoted local part may hold one)', () => {
    const { container } = render(<EmailAddress address={'"a@b"@example.com'} />);
    expect(container.textContent).toBe('"a@b"@example.com');
    expect(pieces(container)).toEqual(['"a@b"', '@example', '.com']);
  });

  it('shows a value without an @ whole', () => {
    const { container } = render(<EmailAddress address="not-an-address" />);
    expect(container.textContent).toBe('not-an-address');
    expect(container.querySelectorAll('wbr')).toHaveLength(0);
  });
});
