import type {
  AddendumInput,
  CaseProgressDto,
  ExceptionPatternsDto,
  ReviewInput,
  SessionDto,
  StageTransitionDto,
  TransitionInput,
  AssignmentDto,
  CaseDto,
  CaseReassignment,
  CaseStatusChangeInput,
  ChangeRequestDecisionRequest,
  CaseExceptionDto,
  CorrectedRecord,
  CorrectionInput,
  DashboardDto,
  RecordCorrectionDto,
  ScaleScoreDto,
  StaffAnnotationInput,
} from '@attune/domain';
import simpleRestProvider from 'ra-data-simple-rest';
import { useDataProvider, type DataProvider } from 'react-admin';
import { API_URL, formHttpClient as httpClient } from './http-client';
import { browserTimeZone } from '../shared/time-zone';

/** The domain actions of the API, beside react-admin's CRUD methods. */
export interface AttuneDomainMethods {
  moveStage(caseId: string, input: TransitionInput): Promise<{ data: CaseDto | StageTransitionDto }>;
  getTransitions(caseId: string): Promise<{ data: StageTransitionDto[] }>;
  getCaseProgress(caseId: string): Promise<{ data: CaseProgressDto }>;
  getExceptionPatterns(caseId: string): Promise<{ data: ExceptionPatternsDto }>;
  signSession(sessionId: string): Promise<{ data: SessionDto }>;
  addAddendum(sessionId: string, input: AddendumInput): Promise<{ data: SessionDto }>;
  reviewAssignment(assignmentId: string, input: ReviewInput): Promise<{ data: AssignmentDto }>;
  getDashboard(): Promise<{ data: DashboardDto }>;
  /** Admins: hands the case to another practitioner with a reason; its clients follow it. */
  reassignCase(caseId: string, input: CaseReassignment): Promise<{ data: CaseDto }>;
  /** A client's portal account state, for their profile. */
  getPortalAccount(clientId: string): Promise<{ data: PortalAccountState }>;
  /** The staff note and hidden flag of a rating or an exception; the entry's own words stay as written. */
  annotateScaleScore(id: string, input: StaffAnnotationInput): Promise<{ data: ScaleScoreDto }>;
  annotateException(id: string, input: StaffAnnotationInput): Promise<{ data: CaseExceptionDto }>;
  /**
   * Removes a mistaken rating or exception, or withdraws homework, with the reason in the JSON body
   * of the DELETE (never in the URL, which is logged); the reason is kept with the case.
   */
  removeWithReason(resource: CorrectedRecord, id: string, input: CorrectionInput): Promise<{ data: unknown }>;
  /** Every correction of the case's ratings, exceptions and homework with its reason, oldest first. */
  getCorrections(caseId: string): Promise<{ data: RecordCorrectionDto[] }>;
  /** Closes or reopens a case with the reason, kept with the case. */
  closeCase(caseId: string, input: CaseStatusChangeInput): Promise<{ data: CaseDto }>;
  reopenCase(caseId: string, input: CaseStatusChangeInput): Promise<{ data: CaseDto }>;
  /** Scheduling: move or resize an appointment (drag, resize or the form), and change its state. */
  moveSession(sessionId: string, input: AppointmentMoveRequest): Promise<{ data: SessionDto & { version: number } }>;
  changeSessionStatus(sessionId: string, input: AppointmentStatusRequest): Promise<{ data: SessionDto & { version: number } }>;
  /** A client's request to cancel or move: accepted (cancelled, or moved to the time given) or declined with a reason. */
  decideChangeRequest(sessionId: string, requestId: string, input: ChangeRequestDecisionRequest): Promise<{ data: SessionDto & { version: number } }>;
}

export interface AppointmentMoveRequest {
  startsAt: string;
  durationMinutes: number;
  version: number;
  scope?: 'this' | 'following';
  outsideWorkingHours?: boolean;
  conflictOverrideReason?: string;
}

export interface AppointmentStatusRequest {
  status: 'scheduled' | 'held' | 'cancelled' | 'no_show';
  cancelledBy?: 'client' | 'practitioner';
  reason?: string;
  version?: number;
  scope?: 'this' | 'following';
}

/** `GET /api/clients/:id/portal-account`. */
export interface PortalAccountState {
  state: 'none' | 'deactivated' | 'invited' | 'invitation_expired' | 'never_signed_in' | 'active';
  email: string | null;
  createdAt: string | null;
  lastSignInAt: string | null;
  invitationExpiresAt: string | null;
}

export type AttuneDataProvider = DataProvider & AttuneDomainMethods;

function path(...segments: string[]): string {
  return [API_URL, ...segments.map((s) => encodeURIComponent(s))].join('/');
}

async function getJson<T>(url: string): Promise<{ data: T }> {
  const { json } = await httpClient(url);
  return { data: json as T };
}

async function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, body: unknown): Promise<{ data: T }> {
  const { json } = await httpClient(url, { method, body: JSON.stringify(body ?? {}) });
  return { data: json as T };
}

const postJson = <T>(url: string, body: unknown) => sendJson<T>('POST', url, body);

/** react-admin's simple REST provider against `/api`, plus the named domain actions. */
export function createDataProvider(): AttuneDataProvider {
  const rest = simpleRestProvider(API_URL, httpClient);
  return {
    ...rest,
    moveStage: (caseId, input) => postJson(path('cases', caseId, 'transitions'), input),
    getTransitions: (caseId) => getJson(path('cases', caseId, 'transitions')),
    getCaseProgress: (caseId) => getJson(path('cases', caseId, 'progress')),
    // weekdays and times of day as the practitioner lives them, not in UTC
    getExceptionPatterns: (caseId) => getJson(`${path('cases', caseId, 'exception-patterns')}?${new URLSearchParams({ timeZone: browserTimeZone() })}`),
    signSession: (sessionId) => postJson(path('sessions', sessionId, 'sign'), {}),
    addAddendum: (sessionId, input) => postJson(path('sessions', sessionId, 'addenda'), input),
    reviewAssignment: (assignmentId, input) => postJson(path('assignments', assignmentId, 'review'), input),
    getDashboard: () => getJson(path('dashboard')),
    getPortalAccount: (clientId) => getJson(path('clients', clientId, 'portal-account')),
    reassignCase: (caseId, input) => postJson(path('cases', caseId, 'reassignment'), input),
    annotateScaleScore: (id, input) => sendJson('PUT', path('scale-scores', id, 'annotation'), input),
    annotateException: (id, input) => sendJson('PUT', path('exceptions', id, 'annotation'), input),
    moveSession: (sessionId, input) => postJson(path('sessions', sessionId, 'move'), input),
    changeSessionStatus: (sessionId, input) => postJson(path('sessions', sessionId, 'status'), input),
    decideChangeRequest: (sessionId, requestId, input) => postJson(path('sessions', sessionId, 'change-requests', requestId, 'decision'), input),
    removeWithReason: (resource, id, input) => sendJson('DELETE', path(resource, id), input),
    getCorrections: (caseId) => getJson(path('cases', caseId, 'corrections')),
    closeCase: (caseId, input) => postJson(path('cases', caseId, 'close'), input),
    reopenCase: (caseId, input) => postJson(path('cases', caseId, 'reopen'), input),
  };
}

/** The data provider with its domain methods typed. */
export function useAttuneDataProvider(): AttuneDataProvider {
  return useDataProvider<AttuneDataProvider>();
}
