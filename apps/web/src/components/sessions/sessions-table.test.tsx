import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRouter } from '@/lib/router';
import { sessionFixture } from '@/testing/fixtures';
import { memoryUrl } from '@/testing/test-utils';
import { SessionsTable } from './sessions-table';

describe('SessionsTable location column', () => {
  it('shows in one Location cell the country code with its name on hover and for screen readers, the network below it, and private networks in words', () => {
    render(
      <AppRouter location={memoryUrl().location}>
        <SessionsTable
          caption="Sessions"
          testId="t"
          rowTestId="r"
          sessions={[
            sessionFixture({ id: 'de', location: { scope: 'public', country: { code: 'DE', name: 'Germany' }, network: { asn: 3320, name: 'Deutsche Telekom AG' } } }),
            sessionFixture({ id: 'lan', location: { scope: 'private', country: null, network: null } }),
            sessionFixture({ id: 'off' }),
            sessionFixture({ id: 'odd', ipAddress: '134744072', location: { scope: 'unknown', country: null, network: null } }),
          ]}
        />
      </AppRouter>,
    );
    const [de, lan, off, odd] = screen.getAllByTestId('r');
    const country = within(de!).getByTestId('session-country');
    expect(country.querySelector('abbr')?.getAttribute('title')).toBe('Germany');
    expect(country.textContent).toBe('DEGermany');
    expect(within(de!).getByTestId('session-network').textContent).toBe('Deutsche Telekom AG');
    expect(within(de!).getByTestId('session-network').getAttribute('title')).toBe('Deutsche Telekom AG (AS3320)');
    expect(lan!.textContent).toContain('Private network');
    expect(off!.textContent).toContain('Unknown country');
    expect(odd!.textContent).toContain('Unknown address');
    expect(within(de!).getByTestId('session-network').closest('td')?.getAttribute('data-column')).toBe('location');
    expect(country.closest('td')?.getAttribute('data-column')).toBe('location');
    expect(within(off!).queryByTestId('session-network')).toBeNull();
    const headers = screen.getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toContain('Location');
    expect(headers).not.toContain('Network');
  });
});
