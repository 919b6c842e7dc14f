import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MeasureResponse } from './measure-response.entity.js';

/**
 * INTEGRATION POINT for the notifications module (built in parallel on the "notify" branch, not in
 * this one). The measures code calls these two methods at the moments a person must be told; after
 * the merge their bodies become `NotificationsService.notify(...)` calls inside the same transaction
 * (`manager`), with no clinical content in the message (the measure's short title at most):
 *
 * - `measureOpened`: a given measure opened for a client (kind "reminder": "a questionnaire is
 *   waiting in your portal", with the expiry); the reminder before expiry comes from the queue.
 * - `safetyItemAnswered`: a safety item answered above its threshold (PHQ-9 item 9 > 0) or the couple
 *   safety screen raised a concern (kind "alert" to the case's practitioner, at once).
 *
 * Until then nothing is sent; the alert itself already shows in the case and in "needs attention",
 * derived from the stored response (libs' deriveCaseAlerts).
 */
@Injectable()
export class MeasureNotifications {
  async measureOpened(_manager: EntityManager, _response: MeasureResponse): Promise<void> {
    // Wired to NotificationsService.notify by the integrator; see the class comment.
  }

  async safetyItemAnswered(_manager: EntityManager, _response: MeasureResponse, _practitionerId: string): Promise<void> {
    // Wired to NotificationsService.notify by the integrator; see the class comment.
  }
}
