import { Button } from '@/components/ui/button';
import { useSignOut } from '../api/sign-out';

/**
 * "Sign out", offered on the operator's own current session in every session list instead of
 * ending it (the console session would end without its sign-out).
 */
export function SignOutButton() {
  const signOut = useSignOut();
  return (
    <Button
      variant="secondary"
      size="sm"
      data-testid="current-session-sign-out"
      title="This is the session you are using now"
      loading={signOut.isPending}
      onClick={() => signOut.mutate()}
    >
      Sign out
    </Button>
  );
}
