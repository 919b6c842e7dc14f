import type {
  CaseMeasuresDto, IntakeRequestDto, MeasureResponseDto, MeasureResponseInput, MeasureScheduleInput, MyMeasureDraft, MyMeasureDto, MyMeasureSubmit,
  PracticeSettingsDto, PracticeSettingsInput, PublicTestDto, PublicTestResultDto, PublicTestSubmit,
} from '@attune/domain';
import { API_URL, getJson, sendJson as send } from '../data/http-client';

const id = (s: string) => encodeURIComponent(s);

/** The react-query key of a case's measures (its series and couple view). */
export const caseMeasuresKey = (caseId: string) => ['cases', 'measures', caseId] as const;

/** The measures' calls, through the app's one HTTP client (cookies, XSRF header, the API's field errors). */
export const measuresApi = {
  caseMeasures: (caseId: string) => getJson<CaseMeasuresDto>(`${API_URL}/cases/${id(caseId)}/measures`),
  giveMeasure: (body: MeasureScheduleInput, idempotencyKey: string) =>
    send<{ id: string }>('POST', `${API_URL}/measure-schedules`, body, { 'Idempotency-Key': idempotencyKey }),
  enterAnswers: (body: MeasureResponseInput, idempotencyKey: string) =>
    send<MeasureResponseDto>('POST', `${API_URL}/measure-responses`, body, { 'Idempotency-Key': idempotencyKey }),
  builtInExerciseId: async (key: string) => {
    const rows = await getJson<Array<{ id: string; key: string; title: string }>>(
      `${API_URL}/exercises?${new URLSearchParams({ filter: JSON.stringify({ key, builtIn: true }), range: '[0,0]' })}`);
    return rows[0];
  },
  assign: (body: { caseId: string; clientId: string; exerciseId: string; dueAt: string; note?: string }, idempotencyKey: string) =>
    send<{ id: string }>('POST', `${API_URL}/assignments`, body, { 'Idempotency-Key': idempotencyKey }),
  myMeasures: () => getJson<MyMeasureDto[]>(`${API_URL}/me/measures`),
  myMeasure: (measureId: string) => getJson<MyMeasureDto>(`${API_URL}/me/measures/${id(measureId)}`),
  saveDraft: (measureId: string, body: MyMeasureDraft) => send<MyMeasureDto>('PUT', `${API_URL}/me/measures/${id(measureId)}/draft`, body),
  submit: (measureId: string, body: MyMeasureSubmit, idempotencyKey: string) =>
    send<MyMeasureDto>('POST', `${API_URL}/me/measures/${id(measureId)}/submit`, body, { 'Idempotency-Key': idempotencyKey }),
  publicTest: (slug: string) => getJson<PublicTestDto>(`${API_URL}/public/practices/${id(slug)}/relationship-test`),
  sendPublicTest: (slug: string, body: PublicTestSubmit) => send<PublicTestResultDto>('POST', `${API_URL}/public/practices/${id(slug)}/relationship-test`, body),
  intakeRequests: () => getJson<IntakeRequestDto[]>(`${API_URL}/intake-requests?${new URLSearchParams({ range: '[0,99]', sort: '["createdAt","DESC"]' })}`),
  acceptIntake: (requestId: string, practitionerId: string) => send<IntakeRequestDto>('POST', `${API_URL}/intake-requests/${id(requestId)}/accept`, { practitionerId }),
  declineIntake: (requestId: string) => send<IntakeRequestDto>('POST', `${API_URL}/intake-requests/${id(requestId)}/decline`, {}),
  practice: () => getJson<PracticeSettingsDto>(`${API_URL}/practice`),
  savePractice: (body: PracticeSettingsInput) => send<PracticeSettingsDto>('PUT', `${API_URL}/practice`, body),
};
