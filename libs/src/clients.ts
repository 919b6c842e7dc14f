import { z } from 'zod';
import { enumSchema, idSchema, optionalTextSchema, textSchema } from './primitives.js';

export const CLIENT_STATUSES = ['active', 'paused', 'discharged'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** An email address; an empty string or null means "none". */
export const optionalEmailSchema = z
  .union(
    [
      z.literal(''),
      z
        .string()
        .trim()
        .max(254, 'must be at most 254 characters long')
        .pipe(z.email({ error: 'must be a valid email address' })),
    ],
    { error: 'must be a valid email address' },
  )
  .nullish();

/**
 * A client record. Display names are often pseudonyms ("Chen Jing (pseudonym)"). Optional texts
 * accept null (react-admin sends null for an emptied input).
 */
export const clientInputSchema = z.object({
  displayName: textSchema(1, 120),
  pronouns: optionalTextSchema(40),
  email: optionalEmailSchema,
  phone: optionalTextSchema(40),
  status: enumSchema(CLIENT_STATUSES).default('active'),
  practitionerId: idSchema.nullish(),
});

export type ClientInput = z.infer<typeof clientInputSchema>;
