import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { applyListQuery, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { RetryLaterException } from '../../common/retry-later.js';
import { UserRateLimit } from '../../common/user-rate-limit.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import type { ListExport } from './list-export.js';

/** Rows fetched from the cursor and written out at a time. */
export const EXPORT_BATCH_ROWS = 500;

/**
 * Spreadsheet-safe text: csv-stringify's `escape_formulas` prefixes a cell that starts with
 * = + - @ tab or CR, and their full-width forms ＝ ＋ － ＠, with a quote, so Excel and LibreOffice
 * show it as text instead of running it (there is no full-width tab or CR). A lone CR is quoted:
 * the record delimiter is CRLF, and csv-stringify quotes only a whole delimiter by itself.
 */
export const CSV_OPTIONS = { bom: true, escape_formulas: true, record_delimiter: 'windows', quoted_match: /\r/ } as const;

/**
 * The one export path of every list: `GET /api/<resource>/export.csv` with the list's filter and
 * sort. It reads the ids through a server-side cursor in one REPEATABLE READ transaction (one
 * consistent snapshot, never the whole list in memory), turns each batch into rows with the
 * module's own loader, and streams them as UTF-8 CSV with a BOM. Audited: one `export` event with
 * the list and the number of rows (never their content), plus a read of each case whose clinical
 * rows left. Rate-limited per user (EXPORT_RATE_LIMIT a minute).
 */
@Injectable()
export class CsvExportService {
  private readonly logger = new Logger(CsvExportService.name);
  private readonly rateLimit: UserRateLimit;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rateLimit = new UserRateLimit(config.exportRateLimit);
  }

  async send<T>(res: Response, actor: Actor, source: ListExport<T>, requested: ParsedListQuery): Promise<void> {
    const wait = this.rateLimit.take(actor.userId);
    if (wait > 0) throw new RetryLaterException(429, `Too many exports: try again in ${wait} s`, 'RATE_LIMITED', wait);

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let rows = 0;
    try {
      await runner.startTransaction('REPEATABLE READ');
      const manager = runner.manager;
      const { qb, query } = await source.scoped(manager, requested);
      const ids = applyListQuery(qb, source.spec, query).offset(undefined).limit(undefined).select(source.spec.idColumn, 'id');
      const [sql, params] = ids.getQueryAndParameters();
      await runner.query(`DECLARE list_export NO SCROLL CURSOR FOR ${sql}`, params);

      const day = new Date().toISOString().slice(0, 10);
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${source.resource}-${day}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      const csv = stringify({ ...CSV_OPTIONS, header: true, columns: source.columns.map(([header]) => header) });
      csv.pipe(res);
      let closed = false;
      res.once('close', () => { closed = true; });

      for (;;) {
        const batch: Array<{ id: string }> = await runner.query(`FETCH ${EXPORT_BATCH_ROWS} FROM list_export`);
        if (batch.length === 0 || closed) break;
        const loaded = new Map((await source.load(manager, batch.map((r) => r.id))).map((row) => [source.id(row), row]));
        const ordered = batch.map((r) => loaded.get(r.id)).filter((row): row is T => row !== undefined);
        if (source.caseIds) {
          const caseIds = ordered.flatMap((row) => source.caseIds!(row)).filter((id): id is string => !!id);
          if (caseIds.length > 0) await this.audit.recordCaseReads(manager, 'export', source.resource, caseIds);
        }
        for (const row of ordered) {
          const record = source.columns.map(([, value]) => {
            const cell = value(row);
            return cell === null || cell === undefined ? '' : String(cell);
          });
          if (!csv.write(record)) await once(csv, 'drain');
        }
        rows += ordered.length;
      }
      await runner.query('CLOSE list_export');
      await this.audit.record(manager, { action: 'export', entity: source.resource, rowCount: rows });
      await runner.commitTransaction();
      csv.end();
      if (!closed) await once(res, 'finish');
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (!res.headersSent) throw error;
      this.logger.error(`export of ${source.resource} failed after ${rows} rows: ${(error as Error).message}`);
      res.destroy(error as Error);
    } finally {
      await runner.release();
    }
  }
}
