import { z } from 'zod';
import { optionalTextSchema, recordVersionSchema } from './primitives.js';

/**
 * What a client wrote (a self-rating, a logged good moment, a submitted homework answer) is theirs:
 * staff may annotate it or hide it with a reason, never change or remove it. These are the only
 * columns of such an entry staff may set.
 */
export const STAFF_ANNOTATION_MAX_LENGTH = 2000;
export const HIDDEN_REASON_MAX_LENGTH = 500;

/** Who wrote an entry: the practitioner (editable by staff) or the client (annotate or hide only). */
export type EntryAuthor = 'practitioner' | 'client';

/** Whether staff may edit or delete the entry's own words (the client's words are never staff's to edit). */
export function staffMayRewrite(source: EntryAuthor): boolean {
  return source !== 'client';
}

/**
 * Body of `PUT /api/scale-scores/:id/annotation` and `PUT /api/exceptions/:id/annotation`: the
 * staff note beside the entry, whether it is hidden from charts and alerts (kept in the record),
 * the reason for hiding it (required when hidden), and the version the entry was read at.
 */
export const staffAnnotationInputSchema = z
  .object({
    staffAnnotation: optionalTextSchema(STAFF_ANNOTATION_MAX_LENGTH),
    hidden: z.boolean({ error: 'must be true or false' }).default(false),
    hiddenReason: optionalTextSchema(HIDDEN_REASON_MAX_LENGTH),
    version: recordVersionSchema,
  })
  .superRefine((value, ctx) => {
    if (value.hidden && !value.hiddenReason) {
      ctx.addIssue({ code: 'custom', path: ['hiddenReason'], message: 'is required to hide an entry: say why it is left out of charts and alerts' });
    }
  });

export type StaffAnnotationInput = z.infer<typeof staffAnnotationInputSchema>;
