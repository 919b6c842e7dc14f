import type { ClientDto } from '@attune/domain';
import { useMemo } from 'react';
import { useGetMany } from 'react-admin';

/** The clients of a case, and a lookup of their display names. */
export function useCaseClients(clientIds: readonly string[] | undefined) {
  const ids = useMemo(() => [...(clientIds ?? [])], [clientIds]);
  const { data, isPending } = useGetMany<ClientDto>('clients', { ids }, { enabled: ids.length > 0 });
  return useMemo(() => {
    const clients = data ?? [];
    const names = new Map(clients.map((c) => [c.id, c.displayName]));
    return { clients, isPending: ids.length > 0 && isPending, nameOf: (id: string | null | undefined) => (id ? (names.get(id) ?? '') : '') };
  }, [data, ids.length, isPending]);
}
