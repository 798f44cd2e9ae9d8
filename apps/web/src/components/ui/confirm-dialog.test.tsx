import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '@/lib/api-client';
import { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';

function Harness(props: Partial<ConfirmDialogProps>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        End (trigger)
      </button>
      <button type="button">Something behind</button>
      {open ? (
        <ConfirmDialog
          title="End session"
          summary={<p>End alice.martin's session from 10.0.0.7 on demo-portal</p>}
          confirmLabel="End session"
          onConfirm={() => {}}
          onClose={() => setOpen(false)}
          {...props}
        />
      ) : null}
    </>
  );
}

function openDialog(props: Partial<ConfirmDialogProps> = {}) {
  render(<Harness {...props} />);
  const trigger = screen.getByRole('button', { name: 'End (trigger)' });
  trigger.focus();
  fireEvent.click(trigger);
  const dialog = screen.getByRole('dialog', { name: 'End session' });
  return { trigger, dialog };
}

const typeReason = (value: string) => fireEvent.change(screen.getByLabelText('Reason'), { target: { value } });

describe('ConfirmDialog', () => {
  it('is a labelled modal dialog that describes what will end and starts in the reason field', () => {
    const { dialog } = openDialog();

    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const describedBy = dialog.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toContain("End alice.martin's session from 10.0.0.7");
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));
  });

  it('keeps confirm disabled until the reason has 3 to 500 characters (trimmed)', () => {
    const onConfirm = vi.fn();
    const { dialog } = openDialog({ onConfirm });
    const confirm = within(dialog).getByRole('button', { name: 'End session' }) as HTMLButtonElement;

    expect(confirm.disabled).toBe(true);
    typeReason('ab');
    expect(confirm.disabled).toBe(true);
    typeReason('   ab   ');
    expect(confirm.disabled).toBe(true);
    typeReason('x'.repeat(501));
    expect(confirm.disabled).toBe(true);
    expect(within(dialog).getByText('Keep it to 500 characters; remove 1.')).toBeTruthy();
    expect(within(dialog).getByText('501/500')).toBeTruthy();

    typeReason('  Phone stolen  ');
    expect(confirm.disabled).toBe(false);
    expect(within(dialog).getByText('12/500')).toBeTruthy();
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledWith('Phone stolen');
  });

  it('explains a too-short reason on submit, not when the field is left (the dialog holds still), and marks it invalid', () => {
    openDialog();
    const reason = screen.getByLabelText('Reason');
    const slot = screen.getByTestId('reason-problem');

    typeReason('ab');
    fireEvent.blur(reason);
    expect(screen.queryByText('Write at least 3 characters.')).toBeNull();
    expect(reason.hasAttribute('aria-invalid')).toBe(false);
    // The message's line is there before any message, so showing one moves nothing.
    expect(slot.textContent).toBe('');
    fireEvent.submit(reason.closest('form') as HTMLFormElement);

    const problem = screen.getByText('Write at least 3 characters.');
    expect(problem).toBe(slot);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(reason.getAttribute('aria-describedby')).toContain(problem.id);
  });

  it.each([
    ['Hangul fillers', '\u3164\u3164\u3164'],
    ['Braille blanks', '\u2800\u2800\u2800'],
    ['one letter and combining marks', 'a\u0301\u0301\u0301'],
  ])('refuses a reason of invisible text (%s) on submit and says why', (_, text) => {
    const onConfirm = vi.fn();
    openDialog({ onConfirm });
    const reason = screen.getByLabelText('Reason');
    typeReason(text);
    expect((screen.getByRole('button', { name: 'End session' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.submit(reason.closest('form') as HTMLFormElement);

    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByTestId('reason-problem').textContent).toBe('The reason needs at least 3 visible characters.');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
  });

  it('closes on Escape and gives focus back to the trigger', () => {
    const { trigger } = openDialog();

    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('traps focus: Tab wraps around and focus cannot move behind the dialog', () => {
    const { dialog } = openDialog();
    typeReason('Phone stolen');
    const close = within(dialog).getByRole('button', { name: 'Close' });
    const confirm = within(dialog).getByRole('button', { name: 'End session' });

    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(close);

    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);

    act(() => screen.getByRole('button', { name: 'Something behind', hidden: true }).focus());
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('makes the page behind inert while open, and live again after', () => {
    const { container } = render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'End (trigger)' }));
    expect(container.hasAttribute('inert')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(container.hasAttribute('inert')).toBe(false);
  });

  it('shows the server’s message inline and keeps the typed reason', () => {
    const error = new ApiClientError({
      status: 403,
      code: 'forbidden',
      message: 'Help desk may not act on Session Desk administrators.',
      requestId: 'req-7',
    });
    const { dialog } = openDialog({ error });
    typeReason('Phone stolen');

    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toContain('Help desk may not act on Session Desk administrators.');
    expect(alert.textContent).toContain('req-7');
    expect((screen.getByLabelText('Reason') as HTMLTextAreaElement).value).toBe('Phone stolen');
  });

  it('cannot be dismissed while the action is in flight', () => {
    const { dialog } = openDialog({ pending: true });

    fireEvent.keyDown(document.body, { key: 'Escape' });

    expect(screen.getByRole('dialog')).toBe(dialog);
    expect((within(dialog).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('can confirm without a reason when none is asked for', () => {
    const onConfirm = vi.fn();
    const { dialog } = openDialog({ requireReason: false, onConfirm });

    expect(screen.queryByLabelText('Reason')).toBeNull();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'End session' }));
    expect(onConfirm).toHaveBeenCalledWith('');
  });
});
