import { useQuery } from '@tanstack/react-query';
import { useAttuneDataProvider } from '../../../data/data-provider';

/** The case's progress series (`GET /api/cases/:id/progress`); refreshed with the page. */
export function useCaseProgress(caseId: string | undefined) {
  const dataProvider = useAttuneDataProvider();
  return useQuery({
    queryKey: ['cases', 'progress', caseId],
    queryFn: async () => (await dataProvider.getCaseProgress(caseId!)).data as unknown,
    enabled: !!caseId,
  });
}

export function useTransitions(caseId: string | undefined) {
  const dataProvider = useAttuneDataProvider();
  return useQuery({
    queryKey: ['cases', 'transitions', caseId],
    queryFn: async () => (await dataProvider.getTransitions(caseId!)).data,
    enabled: !!caseId,
  });
}

/** The corrections of the case's records with their reasons (`GET /api/cases/:id/corrections`); refreshed with the page. */
export function useCorrections(caseId: string | undefined) {
  const dataProvider = useAttuneDataProvider();
  return useQuery({
    queryKey: ['cases', 'corrections', caseId],
    queryFn: async () => (await dataProvider.getCorrections(caseId!)).data,
    enabled: !!caseId,
  });
}

export function useExceptionPatterns(caseId: string | undefined) {
  const dataProvider = useAttuneDataProvider();
  return useQuery({
    queryKey: ['cases', 'exception-patterns', caseId],
    queryFn: async () => (await dataProvider.getExceptionPatterns(caseId!)).data as unknown,
    enabled: !!caseId,
  });
}
