import { clearLocalDraft, clearLocalDrafts, draftStorageKey, readLocalDraft, shouldRestoreLocal, writeLocalDraft, type DraftStorage } from './draft-storage';

const memory = (): DraftStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return {
    data,
    get length() { return data.size; },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
};
const draft = (userId: string, story: string) => ({ v: 1 as const, userId, values: { story }, changedAt: 1000 });

describe('the device copy of a draft', () => {
  it('belongs to one person: kept under a key naming the user, another user on the same device does not get it', () => {
    const storage = memory();
    writeLocalDraft(storage, 'a1', draft('u1', 'typed offline'));
    expect([...storage.data.keys()]).toEqual([draftStorageKey('u1', 'a1')]);
    expect(draftStorageKey('u1', 'a1')).toBe('attune.portal.draft.u1.a1');
    expect(readLocalDraft(storage, 'a1', 'u1')?.values).toEqual({ story: 'typed offline' });
    expect(readLocalDraft(storage, 'a1', 'u2')).toBeNull();
    clearLocalDraft(storage, 'a1', 'u1');
    expect(readLocalDraft(storage, 'a1', 'u1')).toBeNull();
    expect(storage.data.size).toBe(0);
  });

  it('is restored only when it is newer than the server\'s draft and the homework is still open', () => {
    const local = { v: 1 as const, userId: 'u1', values: {}, changedAt: Date.parse('2026-11-25T10:00:05Z') };
    expect(shouldRestoreLocal(local, { status: 'in_progress', draftSavedAt: '2026-11-25T10:00:00Z' })).toBe(true);
    expect(shouldRestoreLocal(local, { status: 'in_progress', draftSavedAt: '2026-11-25T10:01:00Z' })).toBe(false);
    expect(shouldRestoreLocal(local, { status: 'assigned', draftSavedAt: null })).toBe(true);
    expect(shouldRestoreLocal(local, { status: 'submitted', draftSavedAt: null })).toBe(false);
    expect(shouldRestoreLocal(null, { status: 'assigned', draftSavedAt: null })).toBe(false);
  });

  it('ignores a corrupt copy', () => {
    const storage = memory();
    storage.setItem(draftStorageKey('u1', 'a1'), '{not json');
    expect(readLocalDraft(storage, 'a1', 'u1')).toBeNull();
  });

  it('clears every draft (older keys without a user too) and nothing else, or all but one person\'s', () => {
    const storage = memory();
    writeLocalDraft(storage, 'a1', draft('u1', 'mine'));
    writeLocalDraft(storage, 'a2', draft('u1', 'mine too'));
    writeLocalDraft(storage, 'a3', draft('u2', 'my partner\'s'));
    storage.setItem('attune.portal.draft.a4', JSON.stringify(draft('u2', 'from before keys named the user')));
    storage.setItem('attune.language', 'zh');
    clearLocalDrafts(storage, 'u1');
    expect([...storage.data.keys()].sort()).toEqual(['attune.language', draftStorageKey('u1', 'a1'), draftStorageKey('u1', 'a2')]);
    clearLocalDrafts(storage);
    expect([...storage.data.keys()]).toEqual(['attune.language']);
  });
});
