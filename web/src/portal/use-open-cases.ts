import { useQuery } from '@tanstack/react-query';
import { portalApi, portalKeys } from './portal-api';
import type { PortalProgressCase } from './portal-types';

/** The client's own cases (from their progress), for choosing where an entry goes and whether they are a couple. */
export function useMyCases(): { cases: PortalProgressCase[]; openCases: PortalProgressCase[]; inCouple: boolean; isPending: boolean } {
  const query = useQuery({ queryKey: portalKeys.progress, queryFn: portalApi.getProgress, staleTime: 60_000 });
  const cases = query.data?.cases ?? [];
  return {
    cases,
    openCases: cases.filter((c) => c.status === 'open'),
    inCouple: cases.some((c) => c.kind === 'couple'),
    isPending: query.isPending,
  };
}
