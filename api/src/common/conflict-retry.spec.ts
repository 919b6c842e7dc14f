import { DomainError } from '@attune/domain';
import { QueryFailedError } from 'typeorm';
import { retryOnConflict } from './conflict-retry.js';

const pgError = (code: string) => new QueryFailedError('UPDATE users …', [], Object.assign(new Error('pg'), { code }));

describe('retryOnConflict', () => {
  it.each(['40001', '40P01'])('runs the work again after a %s and answers its result', async (code) => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls++;
      if (calls < 3) throw pgError(code);
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the last try with a 409 CONFLICT, never the database error', async () => {
    let calls = 0;
    const failing = retryOnConflict(async () => {
      calls++;
      throw pgError('40P01');
    }, 3);
    await expect(failing).rejects.toBeInstanceOf(DomainError);
    await expect(failing).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(calls).toBe(3);
  });

  it('passes any other error through at once', async () => {
    let calls = 0;
    await expect(retryOnConflict(async () => {
      calls++;
      throw pgError('23505');
    })).rejects.toBeInstanceOf(QueryFailedError);
    expect(calls).toBe(1);
  });
});
