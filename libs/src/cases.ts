import { z } from 'zod';
import { enumSchema, idSchema, isoDateOrDateTimeSchema, optionalTextSchema, textSchema } from './primitives.js';

export const CASE_KINDS = ['individual', 'couple'] as const;
/** individual: one client; couple: two partners. */
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = ['open', 'closed'] as const;
/** A case is closed, never deleted. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How many clients each kind of case has. */
export const CLIENTS_PER_CASE_KIND: Readonly<Record<CaseKind, number>> = Object.freeze({ individual: 1, couple: 2 });

/** How long the problem's name may be: a word or a short phrase, in the client's own words. */
export const PROBLEM_NAME_MAX_LENGTH = 80;

/**
 * The problem named in the client's own words ("the Fear"), so that the work speaks of the problem
 * rather than of a flaw in the person (externalising, after Michael White). Optional; trimmed; an
 * empty name is none.
 */
export const problemNameSchema = optionalTextSchema(PROBLEM_NAME_MAX_LENGTH);

/**
 * Body for opening (or editing) a case. The stage and cycle are not part of it: a case opens in
 * stage 1, cycle 1, and moves only through recorded transitions.
 */
export const caseInputSchema = z
  .object({
    title: textSchema(3, 200),
    kind: enumSchema(CASE_KINDS),
    clientIds: z.array(idSchema, {
      error: (iss) => (iss.input === undefined ? 'is required' : 'must be a list of client ids'),
    }),
    practitionerId: idSchema.optional(),
    presentingConcern: optionalTextSchema(4000),
    problemName: problemNameSchema,
    openedAt: isoDateOrDateTimeSchema().optional(),
  })
  .superRefine((input, ctx) => {
    const expected = CLIENTS_PER_CASE_KIND[input.kind];
    if (input.clientIds.length !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientIds'],
        message:
          input.kind === 'individual'
            ? 'an individual case has exactly 1 client'
            : 'a couple case has exactly 2 clients, one for each partner',
      });
      return;
    }
    if (new Set(input.clientIds.map((id) => id.toLowerCase())).size !== input.clientIds.length) {
      ctx.addIssue({ code: 'custom', path: ['clientIds'], message: 'must name two different clients' });
    }
  });

export type CaseInput = z.infer<typeof caseInputSchema>;

/**
 * Body of `POST /api/cases/:id/reassignment` (admins): the practitioner who takes the case over and
 * why. The clients follow the case: see the API's client scope.
 */
export const caseReassignmentSchema = z.object({
  practitionerId: idSchema,
  reason: textSchema(3, 2000),
});
export type CaseReassignment = z.infer<typeof caseReassignmentSchema>;
/** How long the reason for closing or reopening a case may be. */
export const CASE_STATUS_REASON_MAX_LENGTH = 2000;

/**
 * `POST /api/cases/:id/close` and `/reopen`: why, in the practitioner's words (kept with the case,
 * never in the audit trail, which holds ids only).
 */
export const caseStatusChangeInputSchema = z.object({
  reason: textSchema(1, CASE_STATUS_REASON_MAX_LENGTH),
});
export type CaseStatusChangeInput = z.infer<typeof caseStatusChangeInputSchema>;

/** One close or reopen of a case, as `GET /api/cases/:id/status-changes` lists it. */
export interface CaseStatusChangeDto {
  id: string;
  caseId: string;
  toStatus: CaseStatus;
  reason: string;
  actorId: string | null;
  at: string;
}
