import {
  ALERT_KINDS,
  CASE_KINDS,
  CASE_STATUSES,
  caseInputSchema,
  enumSchema,
  idSchema,
  intSchema,
  optionalTextSchema,
  problemNameSchema,
  textSchema,
  type StageTransitionDto,
} from '@attune/domain';
import { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import type { StageTransition } from './stage-transition.entity.js';

/** Day of the current cycle in UTC calendar days, for sorting (a closed case stops counting). */
const CASE_DAY_SQL =
  `(CAST(COALESCE(k.closed_at, now()) AT TIME ZONE 'UTC' AS date) - CAST(k.cycle_started_at AT TIME ZONE 'UTC' AS date))`;

export const CASE_LIST: ListSpec = {
  resource: 'cases',
  idColumn: 'k.id',
  defaultSort: ['updatedAt', 'DESC'],
  sortable: {
    id: 'k.id',
    title: 'k.title',
    openedAt: 'k.opened_at',
    stage: 'k.stage',
    status: 'k.status',
    updatedAt: 'k.updated_at',
    day: CASE_DAY_SQL,
  },
  filterable: {
    status: { column: 'k.status', kind: 'enum', values: CASE_STATUSES },
    stage: { column: 'k.stage', kind: 'int' },
    kind: { column: 'k.kind', kind: 'enum', values: CASE_KINDS },
    practitionerId: { column: 'k.practitioner_id', kind: 'uuid' },
    /** Cases that include the client. */
    clientId: {
      column: '(SELECT array_agg(fcc.client_id) FROM case_clients fcc WHERE fcc.case_id = k.id)',
      kind: 'uuid',
      arrayContains: true,
    },
    /** Open cases with an active alert of the kind; worked out by the service with libs' alert rules. */
    alert: { column: 'k.id', kind: 'enum', values: ALERT_KINDS },
  },
  search: [
    'k.title',
    'k.presenting_concern',
    `(SELECT string_agg(scl.display_name, ' ') FROM case_clients scc JOIN clients scl ON scl.id = scc.client_id WHERE scc.case_id = k.id)`,
  ],
};

/** Body of `POST /api/cases`: libs' case input (stage and cycle are never part of it). */
export const caseCreateSchema = caseInputSchema;
export type CaseCreate = z.infer<typeof caseCreateSchema>;

/**
 * Body of `PUT /api/cases/:id`. react-admin sends the record whole: kind, clients, stage and every
 * derived field are ignored (stage moves through transitions only); a practitionerId from anyone but
 * an admin is ignored too. A field left out keeps its value.
 */
export const caseUpdateSchema = z.object({
  title: textSchema(3, 200).optional(),
  presentingConcern: optionalTextSchema(4000),
  problemName: problemNameSchema,
  status: enumSchema(CASE_STATUSES).optional(),
  practitionerId: idSchema.optional(),
  /** When given, the update applies only if the case is still at this version (else 409). */
  version: intSchema(1, 2_147_483_647).optional(),
});
export type CaseUpdate = z.infer<typeof caseUpdateSchema>;

export function toStageTransitionDto(t: StageTransition): StageTransitionDto {
  return {
    id: t.id,
    caseId: t.caseId,
    fromStage: t.fromStage,
    toStage: t.toStage,
    fromCycle: t.fromCycle,
    cycle: t.toCycle,
    kind: t.kind,
    reason: t.reason,
    at: t.at.toISOString(),
    actorId: t.actorId,
  };
}

export const CASE_OPENED_REASON = 'Case opened';
