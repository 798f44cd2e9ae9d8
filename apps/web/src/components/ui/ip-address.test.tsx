import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IpAddress } from './ip-address';

describe('IpAddress', () => {
  it('keeps an IPv4 address whole: no break opportunity inside it', () => {
    const { container } = render(<IpAddress address="192.168.10.254" />);
    expect(container.textContent).toBe('192.168.10.254');
    expect(container.querySelectorAll('wbr')).toHaveLength(0);
  });

  it('lets an IPv6 address wrap after each colon only, and reads as the address', () => {
    const { container } = render(<IpAddress address="2001:db8:85a3::8a2e:370:7334" />);
    expect(container.textContent).toBe('2001:db8:85a3::8a2e:370:7334');
    expect(container.querySelectorAll('wbr')).toHaveLength(6);
  });
});
