import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addUtcDays,
  answerPicksOf,
  cadenceCheckIns,
  canApplyAssignmentEvent,
  checkInCalendar,
  nextAssignmentStatus,
  pickDescribedException,
  toIsoDate,
  validateExerciseResponse,
  type ExerciseResponse,
} from '@attune/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import { badRequest, conflict, notFound } from '../../common/api-errors.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { Assignment } from '../assignments/assignment.entity.js';
import { toAssignmentCoreDto } from '../assignments/assignments.dto.js';
import { AuditService, type AuditEntry } from '../audit/audit.service.js';
import { HomeworkReminders } from '../notifications/homework-reminders.js';
import { Client } from '../clients/client.entity.js';
import { Exercise } from '../exercises/exercise.entity.js';
import { toExerciseContentDto } from '../exercises/exercises.dto.js';
import { assertRecordedTime } from '../../common/recorded-time.js';
import { transactionNow } from '../../common/transaction-clock.js';
import { IdempotencyService, requestHash, type StoredAnswer } from '../idempotency/idempotency.service.js';
import { caseClosed } from './my-scope.js';
import {
  MY_ASSIGNMENT_LIST,
  type AssignmentAnswer,
  type CheckInInput,
  type PortalAssignmentDetailDto,
  type PortalAssignmentSummaryDto,
  type PortalCheckInDto,
} from './me.dto.js';
import { SUBMIT_EFFECTS } from './submit-effects.js';

const NOT_FOUND = 'Assignment';

/** The assignment columns an answer shows, as the loader selects them and every UPDATE returns them. */
const ASSIGNMENT_COLUMNS = `a.id, a.practice_id AS "practiceId", a.case_id AS "caseId", a.client_id AS "clientId",
  a.exercise_id AS "exerciseId", a.assigned_at AS "assignedAt", a.due_at AS "dueAt", a.cadence, a.note, a.status, a.draft,
  a.draft_saved_at AS "draftSavedAt", a.response, a.submitted_at AS "submittedAt",
  a.shared_with_partner AS "sharedWithPartner", a.feedback, a.reviewed_at AS "reviewedAt"`;

type MyAssignmentState = Pick<Assignment, 'id' | 'practiceId' | 'caseId' | 'clientId' | 'exerciseId' | 'assignedAt' | 'dueAt' | 'cadence'
  | 'note' | 'status' | 'draft' | 'draftSavedAt' | 'response' | 'submittedAt' | 'sharedWithPartner' | 'feedback' | 'reviewedAt'>;

/** What the portal shows and checks of an exercise (never its author or practice); its cadence is the homework's own. */
type PortalExercise = Pick<Exercise, 'id' | 'key' | 'stage' | 'title' | 'summary' | 'instructions' | 'audience' | 'cadence'
  | 'fields' | 'effect' | 'builtIn'>;

/** One of the caller's assignments with everything an answer about it needs. */
interface MyAssignment {
  assignment: MyAssignmentState;
  exercise: PortalExercise;
  /** Whether the case is a couple's: only there may answers be shared with the partner. */
  couple: boolean;
  /** The case's name for the problem, in the client's own words. */
  problemName: string | null;
  /** A closed case's homework is read-only: no draft, submission or check-in (409 CASE_CLOSED). */
  caseClosed: boolean;
  caseOpenedAt: Date;
}

type MyAssignmentRow = MyAssignmentState & { couple: boolean; problemName: string | null; caseClosed: boolean; caseOpenedAt: Date } & {
  [K in Exclude<keyof PortalExercise, 'id'> as `exercise${Capitalize<K>}`]: PortalExercise[K];
};

/** What the portal changes of an assignment, and the columns they are stored in. */
type AssignmentChange = Partial<Pick<MyAssignmentState, 'status' | 'draft' | 'draftSavedAt' | 'response' | 'submittedAt' | 'sharedWithPartner'>>;
const CHANGE_COLUMNS: Record<keyof AssignmentChange, string> = {
  status: 'status',
  draft: 'draft',
  draftSavedAt: 'draft_saved_at',
  response: 'response',
  submittedAt: 'submitted_at',
  sharedWithPartner: 'shared_with_partner',
};
const JSON_COLUMNS: ReadonlySet<keyof AssignmentChange> = new Set(['draft', 'response'] as const);

/** Field errors of a response, keyed by their path in the request body ("response.actions"). */
function responseFieldErrors(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([path, reason]) => [path === '_root' ? 'response' : `response.${path}`, reason]));
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/**
 * The caller's own homework: reading it, saving drafts, sending it (idempotently) and daily or
 * weekly check-ins. Every method opens one transaction, finds the assignment through the caller's
 * own client record first (anything else is 404), acts, audits, and answers with a mapped DTO.
 */
@Injectable()
export class MyAssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly homework: HomeworkReminders,
  ) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<PortalAssignmentSummaryDto>> {
    return this.dataSource.transaction(async (manager) => {
      const qb = this.mine(manager, actor);
      const [rows, total] = await applyListQuery(qb, MY_ASSIGNMENT_LIST, query).getManyAndCount();
      const exercises = await this.exercisesById(manager, rows.map((a) => a.exerciseId));
      await this.audit.recordCaseReads(manager, 'list', 'assignments', rows.map((a) => a.caseId));
      const now = await transactionNow(manager);
      return new ListPage('assignments', rows.map((a) => {
        const e = exercises.get(a.exerciseId)!;
        return {
          ...toAssignmentCoreDto(a, now),
          draftSavedAt: iso(a.draftSavedAt),
          hasFeedback: a.status === 'reviewed' && !!a.feedback,
          exercise: { id: e.id, key: e.builtIn ? e.key : null, stage: e.stage, title: e.title, summary: e.summary, audience: e.audience, cadence: a.cadence },
        };
      }), total, query.range);
    });
  }

  async get(actor: Actor, id: string): Promise<PortalAssignmentDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const mine = await this.findMine(manager, actor, id, false);
      await this.audit.record(manager, { action: 'read', entity: 'assignments', entityId: id, caseId: mine.assignment.caseId });
      return this.detail(manager, mine);
    });
  }

  async saveDraft(actor: Actor, id: string, body: AssignmentAnswer): Promise<PortalAssignmentDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const mine = await this.findMine(manager, actor, id, true);
      const { assignment, exercise, couple } = mine;
      if (mine.caseClosed) throw caseClosed();
      if (!canApplyAssignmentEvent(assignment.status, 'save_draft')) {
        throw conflict('This homework has already been sent, so its draft can no longer change.', 'INVALID_STATUS_TRANSITION');
      }
      const checked = validateExerciseResponse(exercise.fields, body.response, 'draft');
      if (!checked.ok) throw badRequest(responseFieldErrors(checked.fields), 'Some answers could not be saved');
      const updated = await this.update(manager, id, {
        status: nextAssignmentStatus(assignment.status, 'save_draft'),
        draft: checked.value,
        draftSavedAt: await transactionNow(manager),
        sharedWithPartner: couple ? (body.sharedWithPartner ?? assignment.sharedWithPartner) : false,
      });
      await this.audit.record(manager, { action: 'save_draft', entity: 'assignments', entityId: id, caseId: updated.caseId });
      return this.detail(manager, { ...mine, assignment: updated });
    });
  }

  /**
   * Sends the answers. With an Idempotency-Key, a retry with the same key and body gets the first
   * answer back and changes nothing; the key is stored in the same transaction as the submission.
   */
  async submit(actor: Actor, id: string, body: AssignmentAnswer, idempotencyKey: string | undefined): Promise<StoredAnswer> {
    return this.dataSource.transaction(async (manager) => {
      // Lock the caller's own assignment first: a concurrent retry waits here, then replays the first answer.
      const mine = await this.findMine(manager, actor, id, true);
      const { assignment, exercise, couple } = mine;
      const route = `POST /api/me/assignments/${id}/submit`;
      const hash = idempotencyKey === undefined ? '' : requestHash(route, body);
      if (idempotencyKey !== undefined) {
        const replay = await this.idempotency.find(manager, actor.userId, idempotencyKey, route, hash);
        if (replay) return replay;
      }
      if (mine.caseClosed) throw caseClosed();
      if (!canApplyAssignmentEvent(assignment.status, 'submit')) {
        throw conflict('This homework has already been sent.', 'INVALID_STATUS_TRANSITION');
      }
      const checked = validateExerciseResponse(exercise.fields, body.response, 'submit');
      if (!checked.ok) throw badRequest(responseFieldErrors(checked.fields), 'Some answers need attention before you send them');
      if (exercise.effect === 'exception' || exercise.effect === 'exception_deep') {
        const occurredAt = checked.value['occurredAt'];
        if (typeof occurredAt === 'string') assertRecordedTime(occurredAt, 'response.occurredAt', mine.caseOpenedAt);
      }
      const now = await transactionNow(manager);
      const updated = await this.update(manager, id, {
        status: nextAssignmentStatus(assignment.status, 'submit'),
        response: checked.value,
        submittedAt: now,
        draft: null,
        sharedWithPartner: couple ? (body.sharedWithPartner ?? assignment.sharedWithPartner) : false,
      });

      const audit: AuditEntry[] = [{ action: 'submit', entity: 'assignments', entityId: id, caseId: assignment.caseId }];
      if (exercise.effect) {
        audit.push(await SUBMIT_EFFECTS[exercise.effect](manager, { assignment, response: checked.value, submittedAt: now, submittedBy: actor.userId }));
      }
      await this.audit.recordMany(manager, audit);
      await this.homework.submitted(manager, id);

      const answer: StoredAnswer = { statusCode: 200, body: await this.detail(manager, { ...mine, assignment: updated }) };
      if (idempotencyKey !== undefined) await this.idempotency.store(manager, actor.userId, idempotencyKey, route, hash, answer);
      return answer;
    });
  }

  /** One check-in per day (daily cadence) or per week (weekly); a missed past period can still be filled in. */
  async addCheckIn(actor: Actor, id: string, input: CheckInInput): Promise<PortalAssignmentDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const mine = await this.findMine(manager, actor, id, true);
      const { assignment, exercise } = mine;
      if (mine.caseClosed) throw caseClosed();
      if (exercise.cadence.kind === 'once') throw conflict('This homework is done once, so it has no daily or weekly check-ins.');
      if (assignment.status === 'reviewed') throw conflict('Your practitioner has reviewed this homework, so its check-ins are closed.');
      const periods = cadenceCheckIns(exercise.cadence, assignment.assignedAt, assignment.dueAt);
      const today = toIsoDate(await transactionNow(manager));
      const day = input.periodStart ?? today;
      const period = periods.find((p) => p.start <= day && day <= p.end);
      if (!period) {
        const first = periods[0]!;
        const last = periods[periods.length - 1]!;
        throw badRequest({ periodStart: `is outside this homework's days (${first.start} to ${last.end})` });
      }
      // A client ahead of UTC may already be on tomorrow's date.
      if (period.start > addUtcDays(today, 1)) throw badRequest({ periodStart: 'must not be in the future' });
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO assignment_check_ins (practice_id, assignment_id, period_start, response)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (assignment_id, period_start) DO NOTHING
         RETURNING id`,
        [assignment.practiceId, assignment.id, period.start, JSON.stringify(input.response)],
      );
      if (inserted.length === 0) {
        throw conflict(exercise.cadence.kind === 'daily'
          ? 'You have already checked in for this day.'
          : 'You have already checked in for this week.');
      }
      const current = assignment.status === 'assigned' ? await this.update(manager, id, { status: 'in_progress' }) : assignment;
      await this.audit.record(manager, { action: 'create', entity: 'assignment-check-ins', entityId: inserted[0]!.id, caseId: assignment.caseId });
      return this.detail(manager, { ...mine, assignment: current });
    });
  }

  /** The caller's own assignments: through the client record linked to their sign-in, in their practice. */
  private mine(manager: EntityManager, actor: Actor) {
    return manager.getRepository(Assignment).createQueryBuilder('a')
      .innerJoin(Client, 'c', 'c.id = a.client_id')
      .where('c.portal_user_id = :userId', { userId: actor.userId })
      .andWhere('a.practice_id = :practiceId', { practiceId: actor.practiceId });
  }

  /**
   * The caller's assignment with the exercise it needs and whether its case is a couple's, in one
   * statement (locking only the assignment row when asked); 404 exactly as if it did not exist,
   * a partner's included.
   */
  private async findMine(manager: EntityManager, actor: Actor, id: string, lock: boolean): Promise<MyAssignment> {
    const rows: MyAssignmentRow[] = await manager.query(
      `SELECT ${ASSIGNMENT_COLUMNS},
              e.key AS "exerciseKey", e.stage AS "exerciseStage", e.title AS "exerciseTitle", e.summary AS "exerciseSummary",
              e.instructions AS "exerciseInstructions", e.audience AS "exerciseAudience", a.cadence AS "exerciseCadence",
              e.fields AS "exerciseFields", e.effect AS "exerciseEffect", e.built_in AS "exerciseBuiltIn",
              k.kind = 'couple' AS couple, k.problem_name AS "problemName", k.status = 'closed' AS "caseClosed", k.opened_at AS "caseOpenedAt"
         FROM assignments a
         JOIN clients c ON c.id = a.client_id
         JOIN exercises e ON e.id = a.exercise_id
         JOIN cases k ON k.id = a.case_id
        WHERE a.id = $1 AND c.portal_user_id = $2 AND a.practice_id = $3${lock ? ' FOR UPDATE OF a' : ''}`,
      [id, actor.userId, actor.practiceId],
    );
    const row = rows[0];
    if (!row) throw notFound(NOT_FOUND);
    const {
      exerciseKey, exerciseStage, exerciseTitle, exerciseSummary, exerciseInstructions, exerciseAudience, exerciseCadence,
      exerciseFields, exerciseEffect, exerciseBuiltIn, couple, problemName, caseClosed, caseOpenedAt, ...assignment
    } = row;
    return {
      assignment,
      exercise: {
        id: assignment.exerciseId, key: exerciseKey, stage: exerciseStage, title: exerciseTitle, summary: exerciseSummary,
        instructions: exerciseInstructions, audience: exerciseAudience, cadence: exerciseCadence, fields: exerciseFields,
        effect: exerciseEffect, builtIn: exerciseBuiltIn,
      },
      couple,
      problemName,
      caseClosed,
      caseOpenedAt,
    };
  }

  /** Changes the (already locked) assignment in one UPDATE, bumping its version, and returns it as stored. */
  private async update(manager: EntityManager, id: string, change: AssignmentChange): Promise<MyAssignmentState> {
    const params: unknown[] = [id];
    const sets = (Object.keys(change) as Array<keyof AssignmentChange>).map((key) => {
      const value = change[key];
      params.push(JSON_COLUMNS.has(key) && value !== null ? JSON.stringify(value) : value);
      return `${CHANGE_COLUMNS[key]} = $${params.length}`;
    });
    const [rows]: [MyAssignmentState[], number] = await manager.query(
      `UPDATE assignments a SET ${sets.join(', ')}, version = a.version + 1, updated_at = now()
        WHERE a.id = $1
        RETURNING ${ASSIGNMENT_COLUMNS}`,
      params,
    );
    return rows[0]!;
  }

  private async exercisesById(manager: EntityManager, ids: string[]): Promise<Map<string, Exercise>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await manager.getRepository(Exercise).findBy({ id: In(unique) });
    return new Map(rows.map((e) => [e.id, e]));
  }

  /**
   * What a list field offers from the client's own latest submitted answers in the same case (the
   * commitment's actions from her action menu): trimmed, each once, in her order; none before she
   * has sent one. Her own homework only: the same case and client as the assignment she reads.
   */
  private async answerPicks(manager: EntityManager, a: MyAssignmentState, exercise: PortalExercise): Promise<Record<string, string[]>> {
    const picks: Record<string, string[]> = {};
    if (!exercise.builtIn) return picks;
    for (const pick of answerPicksOf(exercise.key)) {
      const rows: Array<{ items: unknown }> = await manager.query(
        `SELECT a.response->$4 AS items
           FROM assignments a JOIN exercises e ON e.id = a.exercise_id AND e.built_in AND e.key = $3
          WHERE a.case_id = $1 AND a.client_id = $2 AND a.status IN ('submitted', 'reviewed') AND a.response IS NOT NULL
          ORDER BY a.submitted_at DESC LIMIT 1`,
        [a.caseId, a.clientId, pick.fromExercise, pick.fromField],
      );
      const items = rows[0]?.items;
      if (!Array.isArray(items)) continue;
      const words = items.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter((item) => item !== '');
      if (words.length > 0) picks[pick.field] = [...new Set(words)];
    }
    return picks;
  }

  private async detail(manager: EntityManager, { assignment: a, exercise, couple, problemName }: Pick<MyAssignment, 'assignment' | 'exercise' | 'couple' | 'problemName'>): Promise<PortalAssignmentDetailDto> {
    let checkIns: PortalAssignmentDetailDto['checkIns'] = null;
    const now = await transactionNow(manager);
    if (exercise.cadence.kind !== 'once') {
      const rows: Array<{ periodStart: string; response: Record<string, unknown>; createdAt: Date }> = await manager.query(
        `SELECT period_start::text AS "periodStart", response, created_at AS "createdAt"
           FROM assignment_check_ins WHERE assignment_id = $1 ORDER BY period_start`,
        [a.id],
      );
      const entries: PortalCheckInDto[] = rows.map((r) => ({
        periodStart: r.periodStart,
        response: { note: typeof r.response['note'] === 'string' ? r.response['note'] : '' },
        createdAt: r.createdAt.toISOString(),
      }));
      const calendar = checkInCalendar({ cadence: exercise.cadence, assignedAt: a.assignedAt, dueAt: a.dueAt }, entries, now);
      checkIns = { calendar, entries };
    }
    return {
      ...toAssignmentCoreDto(a, now),
      clientId: a.clientId,
      response: a.response,
      feedback: a.status === 'reviewed' ? a.feedback : null,
      cadence: a.cadence,
      draft: a.draft,
      draftSavedAt: iso(a.draftSavedAt),
      coupleCase: couple,
      problemName,
      checkIns,
      picks: await this.answerPicks(manager, a, exercise),
      // a practitioner's own exercise has no key the portal may show
      exercise: { ...toExerciseContentDto(exercise), key: exercise.builtIn ? exercise.key : null },
    };
  }
}
