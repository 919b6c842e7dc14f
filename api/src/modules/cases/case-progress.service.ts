import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CaseProgressDto,
  ExceptionConditionDimension,
  ExceptionConditionDto,
  ExceptionPatternsDto,
} from '@attune/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService } from './case-access.service.js';
import { CASE_PROGRESS_SELECT, toCaseProgress, type CaseProgressRow } from './case-insights.js';

/** Parts of the day, in the report's time zone (the SQL below uses the same hours). */
const TIME_OF_DAY_LABELS: Record<string, string> = {
  morning: 'In the morning (5:00-12:00)',
  afternoon: 'In the afternoon (12:00-17:00)',
  evening: 'In the evening (17:00-22:00)',
  night: 'At night (22:00-5:00)',
};

const DAY_TYPE_LABELS: Record<string, string> = { weekday: 'On weekdays (Monday-Friday)', weekend: 'At weekends' };
const DIMENSION_ORDER: ExceptionConditionDimension[] = ['client', 'day_type', 'time_of_day'];
const MAX_PAIRS = 10;

export interface PatternRow {
  g_client: number;
  g_day: number;
  g_time: number;
  g_tag: number;
  client_id: string | null;
  day_type: string | null;
  time_of_day: string | null;
  tag: string | null;
  n: number;
  sig: number;
}

@Injectable()
export class CaseProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
  ) {}

  /** Score series per client, stage visits as bands, session markers and the case's active alerts. */
  async progress(actor: Actor, caseId: string): Promise<CaseProgressDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.access.visibleCaseRow<CaseProgressRow>(manager, actor, caseId, CASE_PROGRESS_SELECT);
      await this.audit.record(manager, { action: 'read', entity: 'case-progress', entityId: caseId, caseId });
      return toCaseProgress(row, new Date());
    });
  }

  /**
   * Counts the case's exception tags and the conditions the exceptions occurred under (which
   * partner, weekday or weekend, part of the day, in `timeZone`) in SQL: one grouping-sets query over
   * the unnested tags for every count, one for the tag pairs.
   */
  async exceptionPatterns(actor: Actor, caseId: string, timeZone: string): Promise<ExceptionPatternsDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.visibleCaseRow(manager, actor, caseId);
      const clients: Array<{ id: string; display_name: string }> = await manager.query(
        `SELECT cl.id, cl.display_name FROM case_clients cc JOIN clients cl ON cl.id = cc.client_id WHERE cc.case_id = $1 ORDER BY cc.position`,
        [caseId],
      );
      const rows: PatternRow[] = await manager.query(
        `WITH x AS (
           SELECT id, client_id, significant, tags, occurred_at AT TIME ZONE $2 AS local_at
             FROM case_exceptions
            WHERE case_id = $1 AND NOT hidden
         ), e AS (
           SELECT id, client_id, significant, tags,
                  CASE WHEN extract(isodow FROM local_at) >= 6 THEN 'weekend' ELSE 'weekday' END AS day_type,
                  CASE WHEN extract(hour FROM local_at) < 5 THEN 'night'
                       WHEN extract(hour FROM local_at) < 12 THEN 'morning'
                       WHEN extract(hour FROM local_at) < 17 THEN 'afternoon'
                       WHEN extract(hour FROM local_at) < 22 THEN 'evening'
                       ELSE 'night' END AS time_of_day
             FROM x
         ), t AS (
           SELECT e.id, e.client_id, e.significant, e.day_type, e.time_of_day, u.tag
             FROM e LEFT JOIN LATERAL unnest(e.tags) AS u(tag) ON true
         )
         SELECT GROUPING(client_id)::int AS g_client, GROUPING(day_type)::int AS g_day,
                GROUPING(time_of_day)::int AS g_time, GROUPING(tag)::int AS g_tag,
                client_id, day_type, time_of_day, tag,
                count(DISTINCT id)::int AS n,
                count(DISTINCT id) FILTER (WHERE significant)::int AS sig
           FROM t
          GROUP BY GROUPING SETS ((), (tag), (client_id), (client_id, tag), (day_type), (day_type, tag), (time_of_day), (time_of_day, tag))`,
        [caseId, timeZone],
      );
      const pairs: Array<{ a: string; b: string; n: number }> = await manager.query(
        `SELECT a.tag AS a, b.tag AS b, count(*)::int AS n
           FROM case_exceptions x
           CROSS JOIN LATERAL unnest(x.tags) AS a(tag)
           CROSS JOIN LATERAL unnest(x.tags) AS b(tag)
          WHERE x.case_id = $1 AND NOT x.hidden AND a.tag < b.tag
          GROUP BY a.tag, b.tag
          ORDER BY n DESC, a.tag, b.tag
          LIMIT ${MAX_PAIRS}`,
        [caseId],
      );
      await this.audit.record(manager, { action: 'read', entity: 'exception-patterns', entityId: caseId, caseId });
      return shapeExceptionPatterns(rows, pairs, clients, timeZone);
    });
  }
}

/** Turns the grouping-set rows into the DTO (pure: unit-tested). */
export function shapeExceptionPatterns(
  rows: PatternRow[],
  pairs: Array<{ a: string; b: string; n: number }>,
  clients: Array<{ id: string; display_name: string }>,
  timeZone: string,
): ExceptionPatternsDto {
  const overall = rows.find((r) => r.g_client && r.g_day && r.g_time && r.g_tag);
  const total = overall?.n ?? 0;
  const significant = overall?.sig ?? 0;
  const byTag = rows.filter((r) => r.g_client && r.g_day && r.g_time && !r.g_tag);
  const byCount = (a: { count: number; tag?: string; label?: string }, b: { count: number; tag?: string; label?: string }) =>
    b.count - a.count || (a.tag ?? a.label ?? '').localeCompare(b.tag ?? b.label ?? '');

  const names = new Map(clients.map((c) => [c.id, c.display_name]));
  const conditions: ExceptionConditionDto[] = [];
  for (const dimension of DIMENSION_ORDER) {
    // which partner is a condition only between partners: in an individual case it is just the client's name
    if (dimension === 'client' && clients.length < 2) continue;
    const keyOf = (r: PatternRow): string | null =>
      dimension === 'client' ? (r.g_client ? null : r.client_id) : dimension === 'day_type' ? (r.g_day ? null : r.day_type) : (r.g_time ? null : r.time_of_day);
    const inDimension = rows.filter((r) => keyOf(r) !== null);
    const buckets = inDimension.filter((r) => r.g_tag);
    const group: ExceptionConditionDto[] = buckets.map((bucket) => {
      const key = keyOf(bucket)!;
      return {
        dimension,
        key,
        label: dimension === 'client' ? (names.get(key) ?? 'A former client of the case') : dimension === 'day_type' ? DAY_TYPE_LABELS[key]! : TIME_OF_DAY_LABELS[key]!,
        count: bucket.n,
        share: total === 0 ? 0 : round(bucket.n / total),
        significant: bucket.sig,
        tags: inDimension
          .filter((r) => !r.g_tag && r.tag !== null && keyOf(r) === key)
          .map((r) => ({ tag: r.tag!, count: r.n }))
          .sort(byCount),
      };
    });
    conditions.push(...group.sort(byCount));
  }

  return {
    total,
    tags: byTag.filter((r) => r.tag !== null).map((r) => ({ tag: r.tag!, count: r.n, significant: r.sig })).sort(byCount),
    pairs: pairs.map((p) => ({ tags: [p.a, p.b] as [string, string], count: p.n })),
    untagged: byTag.find((r) => r.tag === null)?.n ?? 0,
    significant,
    significantShare: total === 0 ? null : round(significant / total),
    timeZone,
    conditions,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
