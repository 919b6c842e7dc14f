import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, type ExerciseDto } from '@attune/domain';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { conflict, notFound } from '../../common/api-errors.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import { textOrNull } from '../../common/optional-text.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { ListExport } from '../exports/list-export.js';
import { Exercise } from './exercise.entity.js';
import { EXERCISE_LIST, exerciseKeyBase, toExerciseDto, type CustomExerciseWrite } from './exercises.dto.js';

const ENTITY = 'exercises';

/**
 * The exercise library: the built-in exercises (shared by every practice, read-only) and the
 * practice's own. A practitioner changes or deletes only the exercises they wrote; an admin any of
 * the practice's. Exercises are templates, not clinical content: reads are not audited, changes are.
 */
@Injectable()
export class ExercisesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<ExerciseDto>> {
    // A retired built-in stays reachable by id (homework given before refers to it) but is not offered.
    const offered = this.visible(this.dataSource.manager, actor).andWhere('e.retired_at IS NULL');
    const [rows, total] = await applyListQuery(offered, EXERCISE_LIST, query).getManyAndCount();
    return new ListPage(ENTITY, rows.map(toExerciseDto), total, query.range);
  }

  /** The library list as CSV rows. */
  exportSource(actor: Actor): ListExport<ExerciseDto> {
    return {
      resource: ENTITY,
      spec: EXERCISE_LIST,
      scoped: async (manager, query) => ({ qb: this.visible(manager, actor), query }),
      load: async (manager, ids) => (await manager.getRepository(Exercise).createQueryBuilder('e').where('e.id = ANY(:ids)', { ids }).getMany()).map(toExerciseDto),
      id: (e) => e.id,
      columns: [
        ['id', (e) => e.id], ['stage', (e) => e.stage], ['title', (e) => e.title], ['audience', (e) => e.audience],
        ['cadence', (e) => JSON.stringify(e.cadence)], ['builtIn', (e) => String(e.builtIn)], ['fields', (e) => e.fields.map((f) => f.label).join('; ')],
        ['instructions', (e) => e.instructions],
      ],
    };
  }

  async get(actor: Actor, id: string): Promise<ExerciseDto> {
    return toExerciseDto(await this.findVisible(this.dataSource.manager, actor, id));
  }

  async create(actor: Actor, input: CustomExerciseWrite): Promise<ExerciseDto> {
    return this.dataSource.transaction(async (manager) => {
      const key = await this.freeKey(manager, actor.practiceId, exerciseKeyBase(input.title));
      const exercise = manager.create(Exercise, {
        practiceId: actor.practiceId,
        key,
        builtIn: false,
        effect: null,
        createdBy: actor.userId,
        version: 1,
      });
      assignWritable(exercise, input);
      const saved = await manager.getRepository(Exercise).save(exercise);
      await this.audit.record(manager, { action: 'create', entity: ENTITY, entityId: saved.id });
      return toExerciseDto(saved);
    });
  }

  async update(actor: Actor, id: string, input: CustomExerciseWrite): Promise<ExerciseDto> {
    return this.dataSource.transaction(async (manager) => {
      const exercise = await this.findChangeable(manager, actor, id, 'change');
      const shapeChanges = canonicalJson(exercise.fields) !== canonicalJson(input.fields)
        || canonicalJson(exercise.cadence) !== canonicalJson(input.cadence);
      if (shapeChanges) {
        const uses = await assignmentCount(manager, id);
        if (uses > 0) {
          throw conflict(`This exercise is assigned ${uses === 1 ? 'once' : `${uses} times`}: its fields and cadence can no longer change (answers are stored under them). Its wording can; for other fields, create a new exercise.`);
        }
      }
      assignWritable(exercise, input);
      exercise.version += 1;
      const saved = await manager.getRepository(Exercise).save(exercise);
      await this.audit.record(manager, { action: 'update', entity: ENTITY, entityId: id });
      return toExerciseDto(saved);
    });
  }

  /** Deletes an exercise nobody has been given; answers the removed record. */
  async remove(actor: Actor, id: string): Promise<ExerciseDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const exercise = await this.findChangeable(manager, actor, id, 'delete');
        const uses = await assignmentCount(manager, id);
        if (uses > 0) throw inUse(uses);
        const dto = toExerciseDto(exercise);
        await manager.getRepository(Exercise).delete({ id });
        await this.audit.record(manager, { action: 'delete', entity: ENTITY, entityId: id });
        return dto;
      });
    } catch (error) {
      // An assignment made at the same moment wins: the foreign key refuses the delete.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503') throw inUse(1);
      throw error;
    }
  }

  private visible(manager: EntityManager, actor: Actor) {
    return manager.getRepository(Exercise).createQueryBuilder('e')
      .where('(e.practice_id IS NULL OR e.practice_id = :practiceId)', { practiceId: actor.practiceId });
  }

  private async findVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Exercise> {
    const qb = this.visible(manager, actor).andWhere('e.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const exercise = await qb.getOne();
    if (!exercise) throw notFound('Exercise');
    return exercise;
  }

  private async findChangeable(manager: EntityManager, actor: Actor, id: string, verb: 'change' | 'delete'): Promise<Exercise> {
    const exercise = await this.findVisible(manager, actor, id, true);
    if (exercise.builtIn) {
      throw conflict(`Built-in exercises cannot be ${verb === 'change' ? 'changed' : 'deleted'}; create your own exercise instead`, 'BUILT_IN_READ_ONLY');
    }
    if (actor.role !== 'admin' && exercise.createdBy !== actor.userId) {
      throw new DomainError('FORBIDDEN', `Only the author of this exercise or an admin can ${verb} it`);
    }
    return exercise;
  }

  /** The first of base, base-2, base-3… not used by a built-in exercise or another of the practice's. */
  private async freeKey(manager: EntityManager, practiceId: string, base: string): Promise<string> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('exercise-keys:' || $1::text))`, [practiceId]);
    const rows: Array<{ key: string }> = await manager.query(
      `SELECT key FROM exercises WHERE (practice_id = $1 OR practice_id IS NULL) AND (key = $2 OR key LIKE $2 || '-%')`,
      [practiceId, base],
    );
    const taken = new Set(rows.map((r) => r.key));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) {
      if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
    }
  }
}

function assignWritable(exercise: Exercise, input: CustomExerciseWrite): void {
  exercise.stage = input.stage;
  exercise.title = input.title;
  exercise.summary = textOrNull(input.summary);
  exercise.instructions = input.instructions;
  exercise.audience = input.audience;
  exercise.cadence = input.cadence;
  exercise.fields = input.fields;
}

async function assignmentCount(manager: EntityManager, exerciseId: string): Promise<number> {
  const rows: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM assignments WHERE exercise_id = $1`, [exerciseId]);
  return rows[0]?.n ?? 0;
}

/** JSON with object keys sorted: jsonb stores keys in its own order, so compare values this way. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v);
}

function inUse(uses: number): DomainError {
  return conflict(`This exercise is assigned ${uses === 1 ? 'once' : `${uses} times`} and cannot be deleted`);
}
