import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { MeasureResponse } from './measure-response.entity.js';

/**
 * Who is told what when a measure needs someone, through the notifications queue, inside the
 * transaction of the change (nothing is sent if it rolls back). No clinical content: never the
 * measure's answers or score, only that something waits and where.
 */
@Injectable()
export class MeasureNotifications {
  constructor(private readonly notifications: NotificationsService) {}

  /** A measure opened for a client with a portal account: "a questionnaire is waiting", with its expiry day. */
  async measureOpened(manager: EntityManager, response: MeasureResponse): Promise<void> {
    const rows: Array<{ portal_user_id: string | null; practitioner: string | null; expires_day: string | null }> = await manager.query(
      `SELECT cl.portal_user_id, u.display_name AS practitioner,
              to_char(($2::timestamptz AT TIME ZONE coalesce(ns.time_zone, sp.time_zone, 'UTC'))::date, 'YYYY-MM-DD') AS expires_day
         FROM clients cl
         JOIN cases k ON k.id = $3
         LEFT JOIN scheduling_policies sp ON sp.practice_id = k.practice_id
         LEFT JOIN users u ON u.id = k.practitioner_id
         LEFT JOIN notification_settings ns ON ns.user_id = cl.portal_user_id
        WHERE cl.id = $1`,
      [response.clientId, response.expiresAt, response.caseId]);
    const row = rows[0];
    if (!row?.portal_user_id) return;
    await this.notifications.notify(manager, {
      recipientUserId: row.portal_user_id,
      kind: 'questionnaire_waiting',
      params: { practitionerName: row.practitioner ?? undefined, dueDate: row.expires_day ?? undefined },
      link: `/#/measures/${response.id}`,
      dedupeKey: `questionnaire_waiting:${response.id}`,
    });
  }

  /** A safety item answered above its threshold (PHQ-9 item 9 > 0) or a couple's safety screen raised a concern: the practitioner at once. */
  async safetyItemAnswered(manager: EntityManager, response: MeasureResponse, practitionerId: string): Promise<void> {
    await this.notifications.notify(manager, {
      recipientUserId: practitionerId,
      kind: 'alert_opened',
      link: `/#/cases/${response.caseId}/show`,
      dedupeKey: `measure_safety:${response.id}`,
    });
  }
}
