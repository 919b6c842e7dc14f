import { CLIENT_STATUSES, clientInputSchema } from './clients.js';

describe('clientInputSchema', () => {
  it('accepts a pseudonymous client and defaults the status to active', () => {
    expect(clientInputSchema.parse({ displayName: ' Chen Jing (pseudonym) ', pronouns: 'she/her' })).toEqual({
      displayName: 'Chen Jing (pseudonym)',
      pronouns: 'she/her',
      status: 'active',
    });
    expect(CLIENT_STATUSES).toEqual(['active', 'paused', 'discharged']);
  });

  it('accepts contact details, and null or empty for none', () => {
    const full = {
      displayName: 'Liu Jia',
      email: 'liu.jia@example.org',
      phone: '+86 10 5555 0100',
      status: 'paused',
      practitionerId: '00000000-0000-0000-0000-0000000000d1',
    };
    expect(clientInputSchema.parse(full)).toEqual(full);
    expect(clientInputSchema.parse({ displayName: 'Liu Jia', email: null, phone: null, pronouns: null, practitionerId: null })).toMatchObject({
      email: null,
    });
    expect(clientInputSchema.parse({ displayName: 'Liu Jia', email: '' }).email).toBe('');
  });

  it.each([
    [{ displayName: '' }, 'displayName', 'is required'],
    [{ displayName: 'x'.repeat(121) }, 'displayName', 'must be at most 120 characters long'],
    [{ pronouns: 'x'.repeat(41) }, 'pronouns', 'must be at most 40 characters long'],
    [{ email: 'not an email' }, 'email', 'must be a valid email address'],
    [{ phone: 'x'.repeat(41) }, 'phone', 'must be at most 40 characters long'],
    [{ status: 'archived' }, 'status', 'must be one of: active, paused, discharged'],
    [{ practitionerId: 'dr-wang' }, 'practitionerId', 'must be a UUID'],
  ])('rejects %j', (change, path, message) => {
    const issue = clientInputSchema.safeParse({ displayName: 'Liu Jia', ...change }).error?.issues[0];
    expect(issue?.path).toEqual([path]);
    expect(issue?.message).toBe(message);
  });
});
