import { BUILT_IN_EXERCISES } from '@attune/domain';
import type { DataSource } from 'typeorm';
import { stableId } from '../../common/stable-id.js';

/**
 * The built-in exercises live in libs; every start writes them to the
 * exercises table (practice_id NULL), so assignments can reference them and a
 * new release's wording reaches every practice. A built-in that left the
 * catalogue is retired (kept for the homework already given, hidden from new
 * assignments); one that comes back is offered again.
 */
export async function syncBuiltInExercises(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const exercise of BUILT_IN_EXERCISES) {
      await manager.query(
        `INSERT INTO exercises (id, practice_id, key, stage, title, summary, instructions, audience, cadence, fields, effect, built_in)
         VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8, $9, $10, true)
         ON CONFLICT (id) DO UPDATE SET key = $2, stage = $3, title = $4, summary = $5, instructions = $6, audience = $7,
           cadence = $8, fields = $9, effect = $10, updated_at = now()
         WHERE (exercises.title, exercises.instructions, exercises.fields, exercises.cadence, exercises.audience, exercises.stage)
           IS DISTINCT FROM ($4, $6, $9::jsonb, $8::jsonb, $7, $3::smallint)`,
        [builtInExerciseId(exercise.key), exercise.key, exercise.stage, exercise.title, exercise.summary, exercise.instructions,
          exercise.audience, JSON.stringify(exercise.cadence), JSON.stringify(exercise.fields), exercise.effect ?? null],
      );
    }
    const current = BUILT_IN_EXERCISES.map((e) => builtInExerciseId(e.key));
    await manager.query(`UPDATE exercises SET retired_at = now() WHERE built_in AND retired_at IS NULL AND NOT (id = ANY($1::uuid[]))`, [current]);
    await manager.query(`UPDATE exercises SET retired_at = NULL WHERE built_in AND retired_at IS NOT NULL AND id = ANY($1::uuid[])`, [current]);
  });
}

/** A stable id per built-in key, the same in every database. */
export function builtInExerciseId(key: string): string {
  return stableId(`exercise:${key}`);
}
