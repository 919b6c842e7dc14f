import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PracticeSettingsDto, PracticeSettingsInput } from '@attune/domain';
import { DataSource } from 'typeorm';
import { badRequest } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Practice } from '../practices/practice.entity.js';

/** The practice's own settings: its name, public slug and the public test's switch, and the clients' overdue notice. */
@Injectable()
export class PracticeSettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async get(actor: Actor): Promise<PracticeSettingsDto> {
    const p = await this.dataSource.getRepository(Practice).findOneByOrFail({ id: actor.practiceId });
    return toDto(p);
  }

  async update(actor: Actor, input: PracticeSettingsInput): Promise<PracticeSettingsDto> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Practice);
      const p = await repo.findOneOrFail({ where: { id: actor.practiceId }, lock: { mode: 'pessimistic_write' } });
      if (input.slug !== undefined && input.slug !== p.slug) {
        const taken: unknown[] = await manager.query(`SELECT 1 FROM practices WHERE slug = $1 AND id <> $2`, [input.slug, p.id]);
        if (taken.length > 0) throw badRequest({ slug: 'is already used by another practice' });
        p.slug = input.slug;
      }
      if (input.name !== undefined) p.name = input.name;
      if (input.publicTestEnabled !== undefined) {
        if (input.publicTestEnabled && !p.slug) throw badRequest({ slug: 'is required before the public test can be switched on' });
        p.publicTestEnabled = input.publicTestEnabled;
      }
      if (input.overdueNoticeEnabled !== undefined) p.overdueNoticeEnabled = input.overdueNoticeEnabled;
      if (input.overdueNoticeAfterDays !== undefined) p.overdueNoticeAfterDays = input.overdueNoticeAfterDays;
      await repo.save(p);
      await this.audit.record(manager, { action: 'update', entity: 'practice', entityId: p.id, caseId: null });
      return toDto(p);
    });
  }
}

function toDto(p: Practice): PracticeSettingsDto {
  return { id: p.id, name: p.name, slug: p.slug, publicTestEnabled: p.publicTestEnabled, overdueNoticeEnabled: p.overdueNoticeEnabled, overdueNoticeAfterDays: p.overdueNoticeAfterDays };
}
