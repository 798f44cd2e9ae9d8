import type { SessionRow } from '@session-desk/contracts';
import { EndSessionButton } from '@/components/sessions/sessions-table';

/** The "End" button of a row of the sessions table (`renderActions`), opening the end-session dialog through `onEnd`. */
export function endSessionAction(onEnd: (session: SessionRow, trigger: HTMLElement) => void) {
  function EndAction(session: SessionRow, reason: string | undefined) {
    return <EndSessionButton label="End" accessibleName={`End session of ${session.username}`} reason={reason} onEnd={(trigger) => onEnd(session, trigger)} />;
  }
  return EndAction;
}
