import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  commonPasswordList,
  isCommonPassword,
  passwordLengthProblem,
  passwordPolicySchema,
  passwordProblem,
} from './passwords.js';

describe('password rules', () => {
  it('accepts 8 to 128 characters without any composition rule', async () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect((await passwordPolicySchema.safeParseAsync('walnut lantern')).success).toBe(true);
    expect((await passwordPolicySchema.safeParseAsync('aaaaaaaaaaaaaaaaaaaaaaaa zebra')).success).toBe(true);
    expect((await passwordPolicySchema.safeParseAsync('x'.repeat(128))).success).toBe(true);
  });

  it('refuses 7 characters and 129 characters, counting an emoji as one', async () => {
    expect(await passwordProblem('seven77')).toMatch(/at least 8/);
    expect(await passwordProblem('y'.repeat(129))).toMatch(/at most 128/);
    expect(passwordLengthProblem('🙂🙂🙂🙂🙂🙂🙂')).toMatch(/at least 8/);
    expect(await passwordProblem('🙂🙂🙂🙂🙂🙂🙂🙂')).toBeNull();
  });

  it('refuses the most common passwords whatever their letter case', async () => {
    const list = await commonPasswordList();
    expect(list.size).toBeGreaterThanOrEqual(10_000);
    // the top 3,000 that meet the length rule are all in (ASVS 5.0 6.2.4)
    expect([...list].filter((p) => p.length >= 8).length).toBeGreaterThanOrEqual(3_000);
    for (const p of ['password', 'Password', 'qwertyuiop', '12345678', 'iloveyou', 'sunshine', 'baseball', 'football']) {
      expect(await isCommonPassword(p)).toBe(true);
    }
    expect((await passwordPolicySchema.safeParseAsync('password')).success).toBe(false);
    expect((await passwordPolicySchema.safeParseAsync('PassWord')).success).toBe(false);
    expect((await passwordPolicySchema.safeParseAsync('11111111')).success).toBe(false);
  });

  it('names the problem in words', async () => {
    const result = await passwordPolicySchema.safeParseAsync('password');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/most commonly used/);
  });

  it('refuses a password built around the name, email or service', async () => {
    expect(await passwordProblem('chen.jing2026', ['chen.jing'])).toMatch(/too close/);
    expect(await passwordProblem('Attune!2026', ['attune'])).toMatch(/too close/);
    expect(await passwordProblem('chen jing walks by the river at dawn', ['chen.jing'])).toBeNull();
  });
});
