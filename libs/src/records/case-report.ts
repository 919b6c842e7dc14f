import { z } from 'zod';
import { enumSchema, isoDateSchema } from '../primitives.js';

export const REPORT_LANGUAGES = ['en', 'zh'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** A full case report, or the discharge summary of a closed case. */
export const REPORT_VARIANTS = ['report', 'discharge'] as const;
export type ReportVariant = (typeof REPORT_VARIANTS)[number];

/**
 * The query of `GET /api/cases/:id/report.pdf`: the period as calendar days in the report's time
 * zone (either end open, `from` not after `to`), the language and the variant.
 */
export const caseReportQuerySchema = z
  .object({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    lang: enumSchema(REPORT_LANGUAGES).default('en'),
    variant: enumSchema(REPORT_VARIANTS).default('report'),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });
export type CaseReportQuery = z.infer<typeof caseReportQuerySchema>;
