import { API_TOKEN_SCOPES, apiTokenInputSchema, scopesForRole, tokenScopeAllows } from './api-tokens.js';
import { RESOURCES } from './permissions.js';

describe('personal API tokens', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  it('names a read and a write scope per resource', () => {
    expect(API_TOKEN_SCOPES).toContain('cases:read');
    expect(API_TOKEN_SCOPES).toContain('me:write');
    expect(API_TOKEN_SCOPES).toHaveLength(RESOURCES.length * 2);
    expect(API_TOKEN_SCOPES).toContain('fhir:read');
  });

  it('lets a role put on a token only what its permissions grant', () => {
    expect(scopesForRole('client')).toEqual(['me:read', 'me:write']);
    expect(scopesForRole('practitioner')).toContain('cases:write');
    expect(scopesForRole('practitioner')).not.toContain('users:read');
    expect(scopesForRole('practitioner')).not.toContain('dashboard:write');
    expect(scopesForRole('admin')).toContain('audit-events:read');
    expect(scopesForRole('admin')).not.toContain('audit-events:write');
  });

  it('maps list and read to :read, create, update and delete to :write', () => {
    expect(tokenScopeAllows(['cases:read'], 'cases', 'list')).toBe(true);
    expect(tokenScopeAllows(['cases:read'], 'cases', 'read')).toBe(true);
    expect(tokenScopeAllows(['cases:read'], 'cases', 'update')).toBe(false);
    expect(tokenScopeAllows(['cases:write'], 'cases', 'read')).toBe(false);
    expect(tokenScopeAllows(['cases:read'], 'clients', 'read')).toBe(false);
    expect(tokenScopeAllows(['me:write'], 'me', 'update')).toBe(true);
  });

  it('checks the input: a name, known scopes of the role, an expiry in the next year', () => {
    const schema = apiTokenInputSchema('practitioner', now);
    expect(schema.safeParse({ name: 'Reporting', scopes: ['cases:read'], expiresAt: '2027-01-01T00:00:00Z' }).success).toBe(true);
    const bad = schema.safeParse({ name: '', scopes: ['users:write'], expiresAt: '2026-11-30T00:00:00Z' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name', 'is required'],
      ['scopes', expect.stringMatching(/^may only hold: /)],
      ['expiresAt', 'must be in the future'],
    ]);
    expect(schema.safeParse({ name: 'x', scopes: ['cases:read'], expiresAt: '2028-01-01T00:00:00Z' }).error!.issues[0]!.message).toBe('must be at most 366 days away');
    expect(schema.safeParse({ name: 'x', scopes: ['cases:read', 'cases:read'], expiresAt: '2027-01-01T00:00:00Z' }).success).toBe(false);
    expect(schema.safeParse({ name: 'x', scopes: [], expiresAt: '2027-01-01T00:00:00Z' }).success).toBe(false);
  });
});
