import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { env } from '@/config/env';

export interface RoutePageProps {
  /** The page heading; also the start of the document title. */
  title: string;
  /** The realm the page shows, named in the document title ("Sessions · demo · Session Desk"). */
  realm?: string | undefined;
  description?: ReactNode;
  /** Controls at the heading's end (realm switcher, menus). */
  actions?: ReactNode;
  children: ReactNode;
}

/** The frame of every page in the shell: document title, heading with description and actions, then the content. */
export function RoutePage({ title, realm, description, actions, children }: RoutePageProps) {
  return (
    <div className="space-y-6">
      <title>{[title, realm, env.APP_NAME].filter(Boolean).join(' · ')}</title>
      <PageHeader title={title} description={description} actions={actions} />
      {children}
    </div>
  );
}
