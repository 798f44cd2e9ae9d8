/** "Alice Martin", or '' when Keycloak has no name for the user. */
export function fullName(user: { firstName: string | null; lastName: string | null }): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ');
}
