import { clientInputSchema, recordVersionSchema, textSchema, type ClientDto } from '@attune/domain';
import { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import type { Client } from './client.entity.js';

export const CLIENT_LIST: ListSpec = {
  resource: 'clients',
  idColumn: 'c.id',
  defaultSort: ['displayName', 'ASC'],
  sortable: { id: 'c.id', displayName: 'c.display_name', status: 'c.status', createdAt: 'c.created_at', updatedAt: 'c.updated_at' },
  filterable: {
    status: { column: 'c.status', kind: 'enum', values: ['active', 'paused', 'discharged'] },
    practitionerId: { column: 'c.practitioner_id', kind: 'uuid' },
  },
  search: ['c.display_name', 'c.email'],
};

/** POST body: libs' rule for a client record. */
export const clientWriteSchema = clientInputSchema;
export type ClientWrite = z.infer<typeof clientWriteSchema>;

/**
 * PUT takes the record as GET returned it: only these fields are read, the rest is ignored. `version`
 * is the one it was read at: a stale one answers 409 VERSION_CONFLICT and changes nothing.
 */
export const clientUpdateSchema = clientInputSchema.extend({ version: recordVersionSchema });
export type ClientUpdate = z.infer<typeof clientUpdateSchema>;

export function toClientDto(client: Client): ClientDto {
  return {
    id: client.id,
    displayName: client.displayName,
    pronouns: client.pronouns,
    email: client.email,
    phone: client.phone,
    status: client.status,
    practitionerId: client.practitionerId,
    portalUserId: client.portalUserId,
    createdAt: client.createdAt.toISOString(),
    version: client.version,
  };
}

/** Body of `POST /api/clients/:id/portal-invitation`: where the invitation goes (default the record's e-mail) and in which language. */
export const portalInvitationSchema = z.strictObject({
  email: textSchema(3, 254).toLowerCase().pipe(z.email({ error: 'must be a valid email address' })).optional(),
  language: z.enum(['en', 'zh-CN'], { error: 'must be en or zh-CN' }).optional(),
});
export type PortalInvitation = z.infer<typeof portalInvitationSchema>;
