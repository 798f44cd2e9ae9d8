import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ClientChartPanel } from './client-chart-panel';

const clients = [
  { id: 'c1', clientId: 'demo-portal', active: 12, offline: 0 },
  { id: 'c2', clientId: 'demo-mail', active: 4, offline: 20 },
  { id: 'c3', clientId: 'idle-app', active: 0, offline: 0 },
];

describe('ClientChartPanel', () => {
  it('loads the chart only when opened, busiest client first, without clients that have no sessions', async () => {
    render(<ClientChartPanel clients={clients} selected="" onSelect={() => {}} />);
    expect(screen.queryByTestId('client-chart')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show chart' }));
    await screen.findByTestId('client-chart');
    const bars = screen.getAllByTestId('client-bar');
    expect(bars.map((bar) => bar.dataset['client'])).toEqual(['demo-mail', 'demo-portal']);
    expect(bars[0]?.getAttribute('aria-label')).toBe('demo-mail: 4 active, 20 offline. Show only this client');
  });

  it('filters by the clicked client, and clears the filter when its bar is clicked again', async () => {
    const onSelect = vi.fn();
    const { rerender } = render(<ClientChartPanel clients={clients} selected="" onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show chart' }));
    fireEvent.click(await screen.findByRole('button', { name: /^demo-portal:/ }));
    expect(onSelect).toHaveBeenLastCalledWith('demo-portal');
    rerender(<ClientChartPanel clients={clients} selected="demo-portal" onSelect={onSelect} />);
    const pressed = screen.getByRole('button', { name: /^demo-portal:/ });
    expect(pressed.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(pressed);
    expect(onSelect).toHaveBeenLastCalledWith('');
  });
});
