import {
  builtInMeasure, BUILT_IN_MEASURES, MEASURE_CADENCES, scoreRange, type MeasureDefinition, type MeasureDefinitionDto, type MeasureScheduleDto,
} from '@attune/domain';
import { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import type { MeasureSchedule } from './measure-schedule.entity.js';

export const MEASURE_SCHEDULE_LIST: ListSpec = {
  resource: 'measure-schedules',
  idColumn: 's.id',
  defaultSort: ['createdAt', 'DESC'],
  sortable: { id: 's.id', createdAt: 's.created_at', startsAt: 's.starts_at', measureKey: 's.measure_key' },
  filterable: {
    caseId: { column: 's.case_id', kind: 'uuid' },
    clientId: { column: 's.client_id', kind: 'uuid' },
    measureKey: { column: 's.measure_key', kind: 'text' },
    cadence: { column: 's.cadence', kind: 'enum', values: MEASURE_CADENCES },
    active: { column: 's.active', kind: 'boolean' },
  },
};

export const MEASURE_RESPONSE_LIST: ListSpec = {
  resource: 'measure-responses',
  idColumn: 'r.id',
  defaultSort: ['opensAt', 'DESC'],
  sortable: { id: 'r.id', opensAt: 'r.opens_at', completedAt: 'r.completed_at', score: 'r.score' },
  filterable: {
    caseId: { column: 'r.case_id', kind: 'uuid' },
    clientId: { column: 'r.client_id', kind: 'uuid' },
    measureKey: { column: 'r.measure_key', kind: 'text' },
    status: { column: 'r.status', kind: 'enum', values: ['pending', 'completed'] },
  },
};

/** PUT /api/measure-schedules/:id: only whether it goes on and how long occurrences stay open. */
export const measureScheduleUpdateSchema = z.object({
  active: z.boolean({ error: 'must be true or false' }),
  expiresAfterDays: z.number().int().min(1).max(30).optional(),
});
export type MeasureScheduleUpdate = z.infer<typeof measureScheduleUpdateSchema>;

export function toMeasureDefinitionDto(def: MeasureDefinition): MeasureDefinitionDto {
  return { ...def, id: def.key, builtIn: true, range: scoreRange(def) };
}

export function allMeasureDefinitions(): MeasureDefinitionDto[] {
  return BUILT_IN_MEASURES.map(toMeasureDefinitionDto);
}

export function measureDefinitionDto(key: string): MeasureDefinitionDto | undefined {
  const def = builtInMeasure(key);
  return def ? toMeasureDefinitionDto(def) : undefined;
}

export function toMeasureScheduleDto(s: MeasureSchedule): MeasureScheduleDto {
  return {
    id: s.id,
    caseId: s.caseId,
    clientId: s.clientId,
    measureKey: s.measureKey,
    cadence: s.cadence,
    intervalWeeks: s.intervalWeeks,
    expiresAfterDays: s.expiresAfterDays,
    startsAt: s.startsAt.toISOString(),
    active: s.active,
    createdAt: s.createdAt.toISOString(),
  };
}
