import * as domain from './index.js';
import type {
  AlertKind,
  AssignmentDto,
  AssignmentStatus,
  CaseAlert,
  CaseDto,
  CaseExceptionDto,
  CaseProgressDto,
  CaseSchedule,
  ClientDto,
  DashboardDto,
  DomainErrorCode,
  ExerciseAudience,
  ExerciseCadence,
  ExerciseDefinition,
  ExerciseDto,
  ExerciseField,
  Resource,
  Role,
  ScaleScoreDto,
  SessionDto,
  StageDefinition,
  StageNumber,
  StageTransitionDto,
  UserDto,
  AuditEventDto,
  Action,
} from './index.js';

/** The names other packages import; renaming one breaks them. */
const CONTRACT = [
  'STAGES',
  'stageDefinition',
  'isStageNumber',
  'STAGE_OVERRUN_GRACE_DAYS',
  'caseSchedule',
  'stageOverrun',
  'transitionInputSchema',
  'classifyTransition',
  'transitionKind',
  'DomainError',
  'zodIssuesToFields',
  'SCALE_MIN',
  'SCALE_MAX',
  'SCALE_STEP',
  'scaleValueSchema',
  'isValidScaleValue',
  'SCALE_ANCHORS',
  'firstWholePointRise',
  'exerciseFieldsSchema',
  'responseSchemaFor',
  'responseJsonSchemaFor',
  'validateExerciseResponse',
  'BUILT_IN_EXERCISES',
  'builtInExercise',
  'exerciseCadenceSchema',
  'exerciseAudienceSchema',
  'customExerciseInputSchema',
  'EXCEPTION_TAG_SUGGESTIONS',
  'caseExceptionInputSchema',
  'exceptionFromLogResponse',
  'scaleScoreInputSchema',
  'scaleScoreFromPositioningResponse',
  'deriveCaseAlerts',
  'ROLES',
  'PERMISSIONS',
  'can',
  'STAFF_ROLES',
  'IDLE_TIMEOUT_MINUTES',
  'ABSOLUTE_SESSION_HOURS',
  'signInDelaySeconds',
  'SIGN_IN_DELAYS_SECONDS',
  'ASSIGNMENT_STATUSES',
  'nextAssignmentStatus',
  'isOverdue',
  'cadenceCheckIns',
  'assignmentInputSchema',
  'reviewInputSchema',
  'SESSION_NOTE_SECTIONS',
  'sessionNoteSchema',
  'sessionInputSchema',
  'addendumInputSchema',
  'canonicalNoteText',
  'CASE_KINDS',
  'CASE_STATUSES',
  'caseInputSchema',
  'CLIENT_STATUSES',
  'clientInputSchema',
] as const;

describe('@attune/domain', () => {
  it.each(CONTRACT)('exports %s', (name) => {
    expect((domain as Record<string, unknown>)[name]).toBeDefined();
  });

  it('builds the payloads the API returns from its own rules', () => {
    const CHEN = '00000000-0000-4000-8000-00000000000a';
    const stage: StageNumber = 4;
    const schedule: CaseSchedule = domain.caseSchedule({ cycleStartedAt: '2026-03-02T00:00:00Z', stage, today: '2026-03-25T00:00:00Z' });
    const alerts: CaseAlert[] = domain.deriveCaseAlerts({
      today: '2026-03-25T00:00:00Z',
      stage,
      stageEnteredAt: '2026-03-23T00:00:00Z',
      cycleStartedAt: '2026-03-02T00:00:00Z',
      clients: [{ id: CHEN, displayName: 'Chen Jing' }],
      scores: [
        { clientId: CHEN, score: 6, recordedAt: '2026-03-10T00:00:00Z' },
        { clientId: CHEN, score: 4, recordedAt: '2026-03-24T00:00:00Z' },
      ],
      overdueAssignments: 0,
    });
    const caseDto: CaseDto = {
      id: '00000000-0000-4000-8000-00000000000c',
      title: 'Chen Jing',
      kind: 'individual',
      clientIds: ['00000000-0000-4000-8000-00000000000a'],
      clients: [{ id: '00000000-0000-4000-8000-00000000000a', displayName: 'Chen Jing' }],
      practitionerId: '00000000-0000-4000-8000-000000000001',
      stage,
      cycle: 1,
      status: 'open',
      openedAt: '2026-03-02T00:00:00Z',
      closedAt: null,
      presentingConcern: null,
      problemName: null,
      stageEnteredAt: '2026-03-23T00:00:00Z',
      cycleStartedAt: '2026-03-02T00:00:00Z',
      updatedAt: '2026-03-24T00:00:00Z',
      scheduleStatus: 'on_schedule',
      version: 1,
      day: schedule.day,
      plannedStage: schedule.plannedStage,
      daysBehind: schedule.daysBehind,
      latestScores: [{ clientId: '00000000-0000-4000-8000-00000000000a', score: 4, recordedAt: '2026-03-24T00:00:00Z' }],
      alerts,
    };
    const exercise = domain.builtInExercise('scale-positioning') as ExerciseDefinition;
    const exerciseDto: ExerciseDto = {
      id: '00000000-0000-4000-8000-00000000000e',
      key: exercise.key,
      stage: exercise.stage,
      title: exercise.title,
      summary: null,
      instructions: exercise.instructions,
      audience: exercise.audience,
      cadence: exercise.cadence,
      fields: exercise.fields,
      responseSchema: domain.responseJsonSchemaFor(exercise.fields),
      builtIn: true,
      effect: 'scale_score',
      ownerId: null,
    };
    const progress: CaseProgressDto = {
      series: [{ clientId: '00000000-0000-4000-8000-00000000000a', displayName: 'Chen Jing', points: [{ id: '00000000-0000-4000-8000-000000000005', recordedAt: '2026-03-24T00:00:00Z', score: 4, source: 'client' }] }],
      stageBands: [{ stage: 1, cycle: 1, start: '2026-03-02T00:00:00Z', end: null }],
      sessions: [{ id: '00000000-0000-4000-8000-000000000006', startsAt: '2026-03-03T09:00:00Z' }],
      alerts,
      stage,
      cycle: 1,
    };
    const round = JSON.parse(JSON.stringify({ caseDto, exerciseDto, progress })) as unknown;
    expect(round).toEqual({ caseDto, exerciseDto, progress });
    // the contract's schemas (which the OpenAPI document is generated from) accept them as sent
    expect(domain.caseDtoSchema.parse(round && caseDto)).toEqual(caseDto);
    expect(domain.exerciseDtoSchema.safeParse(exerciseDto).success).toBe(true);
    expect(domain.caseProgressDtoSchema.safeParse(progress).success).toBe(true);
    expect(domain.caseDtoSchema.safeParse({ ...caseDto, stage: 7 }).success).toBe(false);
    expect(caseDto.alerts.map((a) => a.kind)).toEqual(['setback']);
    expect(caseDto).toMatchObject({ day: 24, plannedStage: 4, daysBehind: 0 });
  });

  it('keeps its type names', () => {
    // Compile-time only: these assignments fail `tsc` if a type is renamed or reshaped.
    const role: Role = 'practitioner';
    const resource: Resource = 'scale-scores';
    const action: Action = 'update';
    const code: DomainErrorCode = 'NOTE_SIGNED';
    const kind: AlertKind = 'plateau';
    const status: AssignmentStatus = 'in_progress';
    const audience: ExerciseAudience = 'each_partner';
    const cadence: ExerciseCadence = { kind: 'weekly', weeks: 2 };
    const field: ExerciseField = { name: 'x', label: 'X', kind: 'ranking', itemLabel: 'V', minItems: 1, maxItems: 3 };
    const stageDef: StageDefinition = domain.stageDefinition(1);
    const dtos: [UserDto?, ClientDto?, SessionDto?, ScaleScoreDto?, CaseExceptionDto?, AssignmentDto?, AuditEventDto?, StageTransitionDto?, DashboardDto?] = [];
    expect([role, resource, action, code, kind, status, audience, cadence.kind, field.kind, stageDef.key, dtos.length]).toHaveLength(11);
  });
});
