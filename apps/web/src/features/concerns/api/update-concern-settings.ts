import type { ConcernSettingsResponse, ConcernSettingsUpdateBody } from '@session-desk/contracts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface UpdateConcernSettingsInput extends ConcernSettingsUpdateBody {
  realm: string;
}

/** PUT /api/realms/:realm/concerns/settings, body {reason, settings} (admins only; recorded in the audit trail). */
export function updateConcernSettings({ realm, reason, settings }: UpdateConcernSettingsInput): Promise<ConcernSettingsResponse> {
  return api.put<ConcernSettingsResponse>(`/api/realms/${encodeURIComponent(realm)}/concerns/settings`, { reason, settings });
}

/**
 * What saving the rules changes: the realm's settings (answered, so put in the cache), what the
 * rules flag (its lists and count), and the audit trail (the change is recorded). A refusal is recorded too.
 */
export function invalidateAfterSettingsSaved(queryClient: QueryClient, realm: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.concerns(realm) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.auditLists() }),
  ]);
}

export function useUpdateConcernSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateConcernSettings,
    onSuccess: (saved, input) => {
      queryClient.setQueryData(queryKeys.concernSettings(input.realm), saved);
      void invalidateAfterSettingsSaved(queryClient, input.realm);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.auditLists() }),
  });
}
