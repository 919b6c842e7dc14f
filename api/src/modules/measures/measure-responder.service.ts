import { Injectable } from '@nestjs/common';
import type { MeasureDefinition } from '@attune/domain';
import type { EntityManager } from 'typeorm';
import { MeasureNotifications } from './measure-notifications.js';
import { MeasureResponse, type Answers } from './measure-response.entity.js';
import { scoreAnswers } from './measure-scoring.js';

/**
 * The one path by which answers become a scored response, whoever gives them (the client in the
 * portal, the practitioner in session): score on the server against the client's first score on
 * the measure in the case, store, and tell the practitioner at once about a safety answer.
 */
@Injectable()
export class MeasureResponder {
  constructor(private readonly notifications: MeasureNotifications) {}

  async complete(
    manager: EntityManager,
    target: MeasureResponse,
    def: MeasureDefinition,
    given: { answers: Answers; safety?: Answers; source: 'client' | 'practitioner'; enteredBy: string | null; answeredAt?: Date; sharedWithPartner?: boolean },
  ): Promise<MeasureResponse> {
    const first: Array<{ score: string }> = await manager.query(
      `SELECT score FROM measure_responses
        WHERE case_id = $1 AND client_id = $2 AND measure_key = $3 AND status = 'completed' AND score IS NOT NULL AND id <> $4
        ORDER BY completed_at, id LIMIT 1`,
      [target.caseId, target.clientId, def.key, target.id ?? '00000000-0000-0000-0000-000000000000'],
    );
    const scored = scoreAnswers(def, given.answers, first[0] ? Number(first[0].score) : null, given.safety);
    Object.assign(target, scored, {
      status: 'completed' as const,
      answers: given.answers,
      safetyAnswers: given.safety ?? null,
      draft: null,
      source: given.source,
      enteredBy: given.enteredBy,
      completedAt: given.answeredAt ?? new Date(),
      sharedWithPartner: given.sharedWithPartner ?? target.sharedWithPartner ?? false,
    });
    const saved = await manager.getRepository(MeasureResponse).save(target);
    if (saved.safetyConcern) {
      const rows: Array<{ practitioner_id: string }> = await manager.query(`SELECT practitioner_id FROM cases WHERE id = $1`, [saved.caseId]);
      await this.notifications.safetyItemAnswered(manager, saved, rows[0]!.practitioner_id);
    }
    return saved;
  }
}
