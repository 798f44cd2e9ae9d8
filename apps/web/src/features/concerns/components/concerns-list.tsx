import type { ConcernItem, ConcernListResponse, SessionRow } from '@session-desk/contracts';
import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { SessionsTable, type SessionsTableSelection } from '@/components/sessions/sessions-table';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { formatCount, formatNumber } from '@/lib/format';
import { groupByRule, ruleWords } from '../lib/concern-rules';

export interface ConcernsListProps {
  realm: string;
  concerns: ConcernListResponse;
  /** Ticking flagged sessions for one bulk job (help-desk and admins); absent: no checkboxes. */
  selection?: ConcernSelection | undefined;
  /** The End button of a row (help-desk and admins); absent: read-only (auditors). */
  renderActions?: ((session: SessionRow, lockedReason: string | undefined) => ReactNode) | undefined;
  /** Why a row may not be ended (e.g. the user administers the console), shown instead of acting. */
  lockedReason?: ((session: SessionRow) => string | undefined) | undefined;
  operatorUserId?: string | undefined;
  currentSessionId?: string | null | undefined;
  currentSessionAction?: ReactNode;
}

/** The ticked sessions across every case (one selection, keyed by session, shared by the tables). */
export interface ConcernSelection {
  isSelected: (session: SessionRow) => boolean;
  onToggle: (session: SessionRow) => void;
  /** A row no bulk action may take (the operator's own session, a user the role may not act on): "tick all" skips it. */
  isLocked?: ((session: SessionRow) => boolean) | undefined;
  /** Why "tick all" of these rows is refused (e.g. over the job limit); undefined when allowed. */
  toggleAllReason?: ((rows: readonly SessionRow[]) => string | undefined) | undefined;
  /** Why one more row may not be ticked. */
  lockedReason?: ((session: SessionRow) => string | undefined) | undefined;
}

/** The shared table's selection for one case's rows: "tick all" ticks (or clears) just these, locked ones left out. */
function tableSelection(selection: ConcernSelection, caseRows: readonly SessionRow[]): SessionsTableSelection {
  const rows = caseRows.filter((row) => !selection.isLocked?.(row));
  const ticked = rows.filter(selection.isSelected).length;
  const allSelected = rows.length > 0 && ticked === rows.length;
  return {
    isSelected: selection.isSelected,
    onToggle: selection.onToggle,
    allSelected,
    someSelected: ticked > 0 && !allSelected,
    onToggleAll: () => rows.filter((row) => selection.isSelected(row) === allSelected).forEach(selection.onToggle),
    toggleAllReason: allSelected ? undefined : selection.toggleAllReason?.(rows.filter((row) => !selection.isSelected(row))),
    lockedReason: selection.lockedReason,
  };
}

/** One flagged user under a rule: who, why, and the sessions the rule is about. */
function ConcernCase({ realm, item, ...table }: Omit<ConcernsListProps, 'concerns'> & { item: ConcernItem }) {
  return (
    <li className="border-t border-slate-200 first:border-t-0" data-testid="concern-item" data-rule={item.rule} data-user={item.user.username}>
      <div className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-baseline sm:justify-between">
        <h3 className="min-w-0 text-sm font-semibold wrap-anywhere text-slate-900">
          <Link
            to={paths.user(realm, item.user.id)}
            className="text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600"
          >
            {item.user.username}
          </Link>
        </h3>
        <p className="text-sm text-slate-700" data-testid="concern-reason">
          {item.reason}
        </p>
      </div>
      <SessionsTable
        testId="concern-sessions"
        rowTestId="concern-session-row"
        realm={realm}
        sessions={item.sessions}
        caption={`Sessions of ${item.user.username} flagged by “${ruleWords[item.rule].title}”`}
        hiddenColumns={table.renderActions ? [] : ['actions']}
        selection={table.selection ? tableSelection(table.selection, item.sessions) : undefined}
        renderActions={table.renderActions}
        lockedReason={table.lockedReason}
        operatorUserId={table.operatorUserId}
        currentSessionId={table.currentSessionId}
        currentSessionAction={table.currentSessionAction}
      />
    </li>
  );
}

/**
 * Cases shown per rule before "Show more": a rule that flags most of a large realm (hundreds of users,
 * each with a table) would otherwise draw every case at once, tens of thousands of elements.
 */
const CASES_SHOWN_PER_RULE = 20;

/**
 * The sessions of concern, grouped by rule in the rules' order: each rule with its count and, per
 * flagged user, the reason and the flagged sessions in the shared sessions table; the first
 * CASES_SHOWN_PER_RULE cases of a rule, and more on demand.
 */
export function ConcernsList({ realm, concerns, ...table }: ConcernsListProps) {
  const [shown, setShown] = useState<Partial<Record<string, number>>>({});
  const groups = groupByRule(concerns.items);
  return (
    <div className="space-y-6">
      {/* One rule can flag hundreds of users: the few cases of another rule stay one click away. */}
      <nav aria-label="Rules on this page" data-testid="concern-rule-index">
        <ul className="flex flex-wrap gap-2 text-sm">
          {groups.map(({ rule, items }) => (
            <li key={rule}>
              <a
                href={`#rule-${rule}`}
                className="inline-flex items-center gap-1.5 rounded-md border border-slate-200 bg-white px-2.5 py-1 text-slate-700 hover:bg-slate-50 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-accent-600"
              >
                {ruleWords[rule].title}
                <span className={items.length > 0 ? 'font-semibold text-amber-800' : 'text-slate-500'}>{formatNumber(items.length)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map(({ rule, items }) => {
        const words = ruleWords[rule];
        const enabled = concerns.settings[rule].enabled;
        const limit = shown[rule] ?? CASES_SHOWN_PER_RULE;
        return (
          <Card key={rule} aria-labelledby={`rule-${rule}`} data-testid="concern-rule" data-rule={rule}>
            <div className="flex flex-col gap-1 border-b border-slate-200 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div>
                <h2 id={`rule-${rule}`} className="scroll-mt-20 text-base font-semibold text-slate-900">
                  {words.title}
                </h2>
                <p className="text-sm text-slate-600">{words.description}</p>
              </div>
              {enabled ? (
                <Badge tone={items.length > 0 ? 'warning' : 'neutral'} data-testid="concern-rule-count">
                  {formatCount(items.length, 'case')}
                </Badge>
              ) : (
                <Badge tone="neutral">Switched off</Badge>
              )}
            </div>
            {items.length > 0 ? (
              <>
                <ul>
                  {items.slice(0, limit).map((item) => (
                    <ConcernCase key={item.id} realm={realm} item={item} {...table} />
                  ))}
                </ul>
                {items.length > limit ? (
                  <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
                    <span data-testid="concern-rule-shown">
                      Showing {formatNumber(limit)} of {formatCount(items.length, 'case')}.
                    </span>
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => setShown((was) => ({ ...was, [rule]: limit + CASES_SHOWN_PER_RULE }))}
                    >
                      Show {formatNumber(Math.min(CASES_SHOWN_PER_RULE, items.length - limit))} more
                    </Button>
                  </div>
                ) : null}
              </>
            ) : (
              <p className="px-4 py-3 text-sm text-slate-600">{enabled ? 'Nothing flagged now.' : 'This rule is switched off: it flags nothing.'}</p>
            )}
          </Card>
        );
      })}
    </div>
  );
}
