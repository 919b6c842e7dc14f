import { z } from 'zod';
import { enumSchema, optionalTextSchema, textSchema } from '../primitives.js';

export const ERASURE_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

/** Body of `POST /api/me/erasure-requests`: why, optionally. */
export const erasureRequestInputSchema = z.object({ reason: optionalTextSchema(2000) });
export type ErasureRequestInput = z.infer<typeof erasureRequestInputSchema>;

/** Body of `POST /api/erasure-requests/:id/decision` (admins): accept or decline, always with a reason. */
export const erasureDecisionInputSchema = z.object({
  decision: enumSchema(['accepted', 'declined'] as const),
  reason: textSchema(1, 2000),
});
export type ErasureDecisionInput = z.infer<typeof erasureDecisionInputSchema>;

/**
 * What a decision does and does not do, shown to the client and to the admin. Deciding records the
 * decision; nothing is deleted by it. Signed session notes, their addenda and the audit trail are
 * clinical records the practice must keep for its retention period, whatever is decided.
 */
export const ERASURE_RETENTION_RULE =
  'Signed session notes, their addenda and the audit trail are kept for the retention period the law sets for clinical records (at least 7 years after the last session here), even when a request to erase is accepted: they are never deleted silently. An accepted request is carried out by the practice for everything else, and you are told.';

export interface ErasureRequestDto {
  id: string;
  clientId: string;
  clientName: string;
  requestedAt: string;
  reason: string | null;
  status: ErasureStatus;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
}
