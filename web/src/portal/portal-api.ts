import type { ClientExceptionInput, ClientScaleScoreInput, MyExceptionDto } from '@attune/domain';
import { API_URL, getJson, sendJson as send } from '../data/http-client';
import type {
  AnswerBody,
  PartnerAnswer,
  PortalAssignmentDetail,
  PortalAssignmentSummary,
  PortalProgress,
} from './portal-types';

function path(...segments: string[]): string {
  return [API_URL, 'me', ...segments.map((s) => encodeURIComponent(s))].join('/');
}

/**
 * The client portal's calls to /api/me, through the app's one HTTP client (same-origin cookies, the
 * XSRF header on every change, the API's message and field errors on failure).
 */
export const portalApi = {
  listAssignments: () =>
    getJson<PortalAssignmentSummary[]>(`${path('assignments')}?${new URLSearchParams({ sort: '["dueAt","ASC"]', range: '[0,499]' })}`),
  getAssignment: (id: string) => getJson<PortalAssignmentDetail>(path('assignments', id)),
  saveDraft: (id: string, body: AnswerBody) => send<PortalAssignmentDetail>('PUT', path('assignments', id, 'draft'), body),
  /** The same key must be sent again when retrying the same answers, so the API can recognise the retry. */
  submit: (id: string, body: AnswerBody, idempotencyKey: string) =>
    send<PortalAssignmentDetail>('POST', path('assignments', id, 'submit'), body, { 'Idempotency-Key': idempotencyKey }),
  addCheckIn: (id: string, body: { periodStart?: string; response: { note: string } }) =>
    send<PortalAssignmentDetail>('POST', path('assignments', id, 'check-ins'), body),
  addException: (body: ClientExceptionInput & { caseId?: string }) => send<{ id: string }>('POST', path('exceptions'), body),
  addScaleScore: (body: ClientScaleScoreInput & { caseId?: string }) => send<{ id: string }>('POST', path('scale-scores'), body),
  getProgress: () => getJson<PortalProgress>(path('progress')),
  /** The good moments the client logged themselves, newest first. */
  listMyExceptions: () => getJson<MyExceptionDto[]>(path('exceptions')),
  getPartnerAnswers: () => getJson<PartnerAnswer[]>(path('partner-answers')),
};

export type PortalApi = typeof portalApi;

/** Query keys of the portal's cached reads. */
export const portalKeys = {
  all: ['portal'] as const,
  assignments: ['portal', 'assignments'] as const,
  assignment: (id: string) => ['portal', 'assignment', id] as const,
  progress: ['portal', 'progress'] as const,
  myExceptions: ['portal', 'exceptions'] as const,
  partnerAnswers: ['portal', 'partner-answers'] as const,
};
