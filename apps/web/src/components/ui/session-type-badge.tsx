import { Badge } from './badge';

/** Regular (browser sign-in) or offline (long-lived token an app keeps) session. */
export function SessionTypeBadge({ type }: { type: 'regular' | 'offline' }) {
  return type === 'offline' ? <Badge tone="accent-soft">Offline</Badge> : <Badge tone="neutral">Regular</Badge>;
}
