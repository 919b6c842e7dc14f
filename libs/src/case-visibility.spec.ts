import { canSeeCase, caseloadOf, caseScopeParams, caseScopeSql } from './case-visibility.js';

const P1 = 'practice-1';
const P2 = 'practice-2';
const ME = 'user-me';
const OTHER = 'user-other';

describe('case visibility', () => {
  it('lets an admin see every case of their practice and none of another', () => {
    const admin = { role: 'admin' as const, practiceId: P1, userId: ME };
    expect(canSeeCase(admin, { practiceId: P1, practitionerId: OTHER })).toBe(true);
    expect(canSeeCase(admin, { practiceId: P2, practitionerId: ME })).toBe(false);
    expect(caseloadOf(admin)).toBeNull();
  });

  it('lets a practitioner see only their own caseload', () => {
    const me = { role: 'practitioner' as const, practiceId: P1, userId: ME };
    expect(canSeeCase(me, { practiceId: P1, practitionerId: ME })).toBe(true);
    expect(canSeeCase(me, { practiceId: P1, practitionerId: OTHER })).toBe(false);
    expect(canSeeCase(me, { practiceId: P2, practitionerId: ME })).toBe(false);
    expect(caseScopeParams(me)).toEqual([P1, ME]);
  });

  it('spells the rule in SQL with the placeholders it is given', () => {
    expect(caseScopeSql({ practice: 'k.practice_id', practitioner: 'k.practitioner_id' })).toBe(
      'k.practice_id = $1 AND (CAST($2 AS uuid) IS NULL OR k.practitioner_id = CAST($2 AS uuid))',
    );
  });
});
