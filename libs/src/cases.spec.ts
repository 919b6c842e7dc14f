import { CASE_KINDS, CASE_STATUSES, caseInputSchema } from './cases.js';

const CHEN = '00000000-0000-0000-0000-0000000000a1';
const ZHAO = '00000000-0000-0000-0000-0000000000a2';
const ZHOU = '00000000-0000-0000-0000-0000000000a3';

describe('caseInputSchema', () => {
  const individual = { title: 'Chen Jing: anxious attachment', kind: 'individual', clientIds: [CHEN] };
  const couple = {
    title: 'Zhao Lei and Zhou Ting: after the silence',
    kind: 'couple',
    clientIds: [ZHAO, ZHOU],
    presentingConcern: 'Two months of silent treatment',
    openedAt: '2026-03-02',
  };

  it('knows the kinds and statuses', () => {
    expect(CASE_KINDS).toEqual(['individual', 'couple']);
    expect(CASE_STATUSES).toEqual(['open', 'closed']);
  });

  it('accepts an individual case with one client and a couple case with two', () => {
    expect(caseInputSchema.parse(individual)).toEqual(individual);
    expect(caseInputSchema.parse(couple)).toEqual(couple);
    expect(caseInputSchema.parse({ ...couple, openedAt: '2026-03-02T09:00:00+08:00' }).openedAt).toBe('2026-03-02T09:00:00+08:00');
  });

  it('ignores fields a case only changes through transitions', () => {
    expect(caseInputSchema.parse({ ...individual, stage: 4, cycle: 2, day: 20 })).toEqual(individual);
  });

  it.each([
    [{ ...individual, clientIds: [CHEN, ZHAO] }, 'an individual case has exactly 1 client'],
    [{ ...individual, clientIds: [] }, 'an individual case has exactly 1 client'],
    [{ ...couple, clientIds: [ZHAO] }, 'a couple case has exactly 2 clients, one for each partner'],
    [{ ...couple, clientIds: [ZHAO, ZHOU, CHEN] }, 'a couple case has exactly 2 clients, one for each partner'],
    [{ ...couple, clientIds: [ZHAO, ZHAO] }, 'must name two different clients'],
    [{ ...couple, clientIds: [ZHAO, ZHAO.toUpperCase()] }, 'must name two different clients'],
  ])('rejects the clients of %j', (input, message) => {
    const issue = caseInputSchema.safeParse(input).error?.issues[0];
    expect(issue).toMatchObject({ path: ['clientIds'], message });
  });

  it.each([
    [{ title: 'Hi' }, 'title', 'must be at least 3 characters long'],
    [{ title: 'x'.repeat(201) }, 'title', 'must be at most 200 characters long'],
    [{ kind: 'family' }, 'kind', 'must be one of: individual, couple'],
    [{ clientIds: ['chen'] }, 'clientIds.0', 'must be a UUID'],
    [{ practitionerId: 'dr-wang' }, 'practitionerId', 'must be a UUID'],
    [{ presentingConcern: 'x'.repeat(4001) }, 'presentingConcern', 'must be at most 4000 characters long'],
    [{ openedAt: '02/03/2026' }, 'openedAt', expect.stringContaining('YYYY-MM-DD')],
  ])('rejects %j', (change, path, message) => {
    const issue = caseInputSchema.safeParse({ ...individual, ...change }).error?.issues[0];
    expect(issue?.path.join('.')).toBe(path);
    expect(issue?.message).toEqual(message);
  });
});
