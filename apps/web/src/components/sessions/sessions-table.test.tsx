import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRouter } from '@/lib/router';
import { sessionFixture } from '@/testing/fixtures';
import { memoryUrl } from '@/testing/test-utils';
import { EndSessionButton, SessionsTable } from './sessions-table';

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

describe('EndSessionButton', () => {
  it('looks unavailable when refused, and its reason wraps inside its box', () => {
    render(
      <>
        <EndSessionButton label="End" accessibleName="End session a" reason={undefined} onEnd={() => undefined} />
        <EndSessionButton label="End" accessibleName="End session b" reason="This user is a Session Desk administrator: only administrators end their sessions." onEnd={() => undefined} />
      </>,
    );
    const [allowed, refused] = screen.getAllByTestId('end-session-button');
    expect(allowed!.className.split(' ')).toContain('text-slate-800');
    // One text colour only: with both, the stylesheet's order decides and the refused button looked enabled.
    expect(refused!.className.split(' ')).toContain('text-slate-400');
    expect(refused!.className.split(' ')).not.toContain('text-slate-800');
    expect(screen.getByTestId('disabled-reason').className.split(' ')).toContain('whitespace-normal');
  });
});
