import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { caseRecordCounts, recordWithinPeriod, type CaseReportQuery } from '@attune/domain';
import { DataSource } from 'typeorm';
import { conflict } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { loadCaseRecord } from './case-record.loader.js';
import { renderCaseReport } from './case-report.pdf.js';
import { RecordExports } from './record-exports.js';

export interface CaseReportFile {
  fileName: string;
  pdf: Buffer;
}

/**
 * The printable case report (or, for a closed case, its discharge summary) for a period: only a
 * case the actor may see (404 otherwise), rate-limited and audited as an export with the number
 * of records it shows.
 */
@Injectable()
export class CaseReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly exports: RecordExports,
  ) {}

  async report(actor: Actor, caseId: string, query: CaseReportQuery, timeZone: string): Promise<CaseReportFile> {
    this.exports.admit(actor);
    const generatedAt = new Date();
    const { record, from, to, generatedBy } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.access.visibleCaseRow(manager, actor, caseId);
      // The period's calendar days, read in the report's time zone: from the first day's start to the last day's end.
      const [bounds] = await manager.query(
        `SELECT CASE WHEN $1::date IS NULL THEN NULL ELSE ($1::date)::timestamp AT TIME ZONE $3 END AS from_at,
                CASE WHEN $2::date IS NULL THEN NULL ELSE (($2::date + 1)::timestamp AT TIME ZONE $3) - interval '1 millisecond' END AS to_at,
                (SELECT display_name FROM users WHERE id = $4) AS generated_by`,
        [query.from ?? null, query.to ?? null, timeZone, actor.userId],
      );
      const whole = await loadCaseRecord(manager, actor.practiceId, caseId);
      if (query.variant === 'discharge' && whole.case.status !== 'closed') {
        throw conflict('A discharge summary is made when the case is closed: close the case first, or print the case report.', 'CASE_NOT_CLOSED');
      }
      const fromIso: string | null = bounds.from_at ? bounds.from_at.toISOString() : null;
      const toIso: string | null = bounds.to_at ? bounds.to_at.toISOString() : null;
      const record = recordWithinPeriod(whole, fromIso, toIso);
      const counts = caseRecordCounts(record);
      await this.exports.record(manager, {
        kind: query.variant === 'discharge' ? 'discharge-summary' : 'case-report', entityId: caseId, caseIds: [caseId],
        rowCount: counts.sessions + counts.addenda + counts.scaleScores + counts.exceptions + counts.homework + counts.measures + record.transitions.length,
      });
      return { record, from: fromIso, to: toIso, generatedBy: bounds.generated_by as string };
    });
    const pdf = await renderCaseReport(record, { language: query.lang, variant: query.variant, from, to, timeZone, generatedAt, generatedBy });
    const day = generatedAt.toISOString().slice(0, 10);
    return { fileName: `${query.variant === 'discharge' ? 'discharge-summary' : 'case-report'}-${caseId.slice(0, 8)}-${day}-${query.lang}.pdf`, pdf };
  }
}
