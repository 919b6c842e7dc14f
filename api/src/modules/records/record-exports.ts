import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/request-context.js';
import { RetryLaterException } from '../../common/retry-later.js';
import { UserRateLimit } from '../../common/user-rate-limit.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';

/** What left the practice: its kind (the audit event's entity), the record it is of, how many records. */
export interface RecordExport {
  /** e.g. `fhir-patient`, `fhir-episode`, `case-report`, `my-export` */
  kind: string;
  entityId: string | null;
  caseIds: readonly string[];
  rowCount: number;
}

/**
 * The one path every records export takes: a per-user budget of `EXPORT_RATE_LIMIT` exports a
 * minute (per process; 429 RATE_LIMITED with Retry-After past it), checked before anything is read,
 * and an audit event per case exported (who, what, how many records) in the export's transaction.
 */
@Injectable()
export class RecordExports {
  private readonly limit: UserRateLimit;

  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly audit: AuditService) {
    this.limit = new UserRateLimit(config.exportRateLimit);
  }

  /** Takes one export from the actor's budget, or refuses with 429. */
  admit(actor: Actor): void {
    const wait = this.limit.take(actor.userId);
    if (wait > 0) throw new RetryLaterException(429, `Too many exports: try again in ${wait} s`, 'RATE_LIMITED', wait);
  }

  async record(manager: EntityManager, done: RecordExport): Promise<void> {
    const caseIds = done.caseIds.length > 0 ? done.caseIds : [null];
    await this.audit.recordMany(manager, caseIds.map((caseId) => ({
      action: 'export', entity: done.kind, entityId: done.entityId, caseId, rowCount: done.rowCount,
    })));
  }
}
