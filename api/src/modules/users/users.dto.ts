import { enumSchema, idSchema, ROLES, textSchema, type Role, type UserDto } from '@attune/domain';
import { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import type { User } from './user.entity.js';

export const USER_LIST: ListSpec = {
  resource: 'users',
  idColumn: 'u.id',
  defaultSort: ['displayName', 'ASC'],
  sortable: { id: 'u.id', email: 'u.email', displayName: 'u.display_name', role: 'u.role', createdAt: 'u.created_at' },
  filterable: {
    role: { column: 'u.role', kind: 'enum', values: ROLES },
    active: { column: 'u.active', kind: 'boolean' },
  },
  search: ['u.email', 'u.display_name'],
};

const emailSchema = textSchema(1, 254).toLowerCase().pipe(z.email({ error: 'must be a valid email address' }));

/**
 * Body of `POST /api/users` (an invitation). Without a password the person gets an e-mail with a
 * one-time link (72 h) where they choose it; nobody else ever sees it. `clientId` links a client account to the client record whose portal it opens.
 */
export const userInviteSchema = z
  .object({
    email: emailSchema,
    displayName: textSchema(1, 120),
    role: enumSchema(ROLES),
    /** Never accepted: the person chooses their own password through the invitation's link (no temporary passwords). */
    password: z.unknown().optional(),
    clientId: idSchema.nullish(),
    /** The language of the invitation e-mail (and of later ones); default English. */
    language: z.enum(['en', 'zh-CN'], { error: 'must be en or zh-CN' }).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.password !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'is not accepted: the person chooses their own through the invitation e-mail' });
    }
    if (input.clientId && input.role !== 'client') {
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'only a client account opens a client\'s portal' });
    }
    // A client account without its record opens no portal: it could never be used, nor linked later.
    if (!input.clientId && input.role === 'client') {
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'is required for a client account: invite the client from their profile' });
    }
  });
export type UserInvite = z.infer<typeof userInviteSchema>;

/** Body of `PUT /api/users/:id`: the record as GET returned it; only these fields are read. */
export const userUpdateSchema = z.object({
  displayName: textSchema(1, 120),
  role: enumSchema(ROLES),
  active: z.boolean({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be true or false') }),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/**
 * Body of `POST /api/users/:id/unlock`, `/reset-two-step` and `/force-password-change`: why the admin does it (e.g. "called the
 * practice, identity checked by phone"). About the account, never clinical: kept with the action in
 * account_interventions, not in the audit trail, which holds ids only.
 */
export const accountInterventionSchema = z.strictObject({
  reason: textSchema(3, 500),
});
export type AccountIntervention = z.infer<typeof accountInterventionSchema>;

export function toUserDto(user: User, extra: { lastLoginAt: Date | null; clientId: string | null; invitationExpiresAt: string | null }): UserDto {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    displayName: user.displayName,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: extra.lastLoginAt?.toISOString() ?? null,
    totpEnabled: user.totpEnabled,
    clientId: extra.clientId,
    invitationExpiresAt: extra.invitationExpiresAt,
    passwordChangeRequired: user.passwordChangeRequired,
  };
}

export function isStaff(role: Role): boolean {
  return role !== 'client';
}
