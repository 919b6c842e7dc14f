import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SchedulingPolicy, SchedulingProfileDto, SchedulingProfileInput } from '@attune/domain';
import type { DataSource } from 'typeorm';
import { notFound } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { personScheduleOf, schedulingPolicyOf } from '../sessions/scheduling-settings.js';

/** A person's zone and working hours, and the practice's scheduling policy. */
@Injectable()
export class SchedulingSettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  /** One's own profile; an admin's reach is every user of the practice. Anyone else's: 404. */
  async profile(actor: Actor, userId: string): Promise<SchedulingProfileDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertReach(manager, actor, userId);
      const schedule = await personScheduleOf(manager, actor.practiceId, userId);
      return { userId: userId.toLowerCase(), ...schedule };
    });
  }

  async setProfile(actor: Actor, userId: string, input: SchedulingProfileInput): Promise<SchedulingProfileDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertReach(manager, actor, userId);
      await manager.query(
        `INSERT INTO scheduling_profiles (user_id, practice_id, time_zone, working_hours) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, working_hours = EXCLUDED.working_hours, updated_at = now()`,
        [userId, actor.practiceId, input.timeZone, input.workingHours ? JSON.stringify(input.workingHours) : null],
      );
      await this.audit.record(manager, { action: 'update', entity: 'scheduling-profiles', entityId: userId });
      const schedule = await personScheduleOf(manager, actor.practiceId, userId);
      return { userId: userId.toLowerCase(), ...schedule };
    });
  }

  async policy(actor: Actor): Promise<SchedulingPolicy> {
    return this.dataSource.transaction((manager) => schedulingPolicyOf(manager, actor.practiceId));
  }

  async setPolicy(actor: Actor, input: SchedulingPolicy): Promise<SchedulingPolicy> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO scheduling_policies (practice_id, time_zone, change_notice_hours, reminder_hours_before) VALUES ($1, $2, $3, $4)
         ON CONFLICT (practice_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, change_notice_hours = EXCLUDED.change_notice_hours,
           reminder_hours_before = EXCLUDED.reminder_hours_before, updated_at = now()`,
        [actor.practiceId, input.timeZone, input.changeNoticeHours, input.reminderHoursBefore],
      );
      await this.audit.record(manager, { action: 'update', entity: 'scheduling-policy', entityId: actor.practiceId });
      return schedulingPolicyOf(manager, actor.practiceId);
    });
  }

  private async assertReach(manager: import('typeorm').EntityManager, actor: Actor, userId: string): Promise<void> {
    if (actor.role !== 'admin' && userId.toLowerCase() !== actor.userId.toLowerCase()) throw notFound('User');
    const [user] = await manager.query(`SELECT 1 FROM users WHERE id = $1 AND practice_id = $2`, [userId, actor.practiceId]);
    if (!user) throw notFound('User');
  }
}
