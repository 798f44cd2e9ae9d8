import { useSearchParams } from 'wouter';
import { useNavigate } from '@/lib/router';
import { paths } from '@/config/paths';
import { RealmSwitcher } from '@/features/realms/components/realm-switcher';
import { UserSearchPanel } from '@/features/users/components/user-search-panel';
import { RealmEntryRoute, RealmRoute } from './access';
import { RoutePage } from './route-page';

export const UsersEntryRoute = () => <RealmEntryRoute permission="users:read" to={paths.users} />;

export const UsersRoute = () => <RealmRoute permission="users:read" page={UsersPage} />;

function UsersPage({ realm }: { realm: string }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const q = params.get('q');

  return (
    <RoutePage
      title="Users"
      realm={realm}
      description={<p>Find a user in {realm} to see and manage their sessions.</p>}
      actions={
        <RealmSwitcher
          value={realm}
          onChange={(next) => navigate(`${paths.users(next)}${q ? `?${new URLSearchParams({ q }).toString()}` : ''}`)}
        />
      }
    >
      <UserSearchPanel realm={realm} />
    </RoutePage>
  );
}
