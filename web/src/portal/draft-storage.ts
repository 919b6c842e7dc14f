import type { FormValues } from './response-values';

/**
 * A copy of unsaved answers in the browser, so nothing typed is lost when the connection drops:
 * written on every change, removed once the server holds the same answers (or the homework is
 * sent). It belongs to one person and one assignment: the key names both, and every copy is
 * removed when that person signs out or the session ends, and when someone else signs in on the
 * same browser (a partner on a shared device never reads the other's answers).
 */
export interface LocalDraft {
  v: 1;
  userId: string;
  values: FormValues;
  sharedWithPartner?: boolean;
  /** When it was last changed, ms since the epoch. */
  changedAt: number;
}

/** The part of the Web Storage API used here (injectable for tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const DRAFT_KEY_PREFIX = 'attune.portal.draft.';

export function draftStorageKey(userId: string, assignmentId: string): string {
  return `${DRAFT_KEY_PREFIX}${userId}.${assignmentId}`;
}

/** The browser's localStorage, or undefined where it is unavailable (private mode, blocked). */
export function browserStorage(): DraftStorage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export function readLocalDraft(storage: DraftStorage | undefined, assignmentId: string, userId: string): LocalDraft | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(draftStorageKey(userId, assignmentId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalDraft>;
    if (parsed.v !== 1 || parsed.userId !== userId || typeof parsed.changedAt !== 'number' || !parsed.values || typeof parsed.values !== 'object') {
      return null;
    }
    return parsed as LocalDraft;
  } catch {
    return null;
  }
}

export function writeLocalDraft(storage: DraftStorage | undefined, assignmentId: string, draft: LocalDraft): void {
  try {
    storage?.setItem(draftStorageKey(draft.userId, assignmentId), JSON.stringify(draft));
  } catch {
    // storage full or blocked: the server copy is all there is
  }
}

export function clearLocalDraft(storage: DraftStorage | undefined, assignmentId: string, userId: string): void {
  try {
    storage?.removeItem(draftStorageKey(userId, assignmentId));
  } catch {
    // nothing to clear
  }
}

/**
 * Removes every draft kept in this browser (older keys without a user id too), except those of
 * `keepUserId` when given: on sign-out and session end nobody's are kept; on sign-in, only the
 * person's own.
 */
export function clearLocalDrafts(storage: DraftStorage | undefined, keepUserId?: string): void {
  if (!storage) return;
  try {
    const kept = keepUserId === undefined ? null : `${DRAFT_KEY_PREFIX}${keepUserId}.`;
    const doomed: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(DRAFT_KEY_PREFIX) && (kept === null || !key.startsWith(kept))) doomed.push(key);
    }
    for (const key of doomed) storage.removeItem(key);
  } catch {
    // storage blocked: nothing was kept there
  }
}

/**
 * Whether to start from the local copy: only while the homework can still change, and only when the
 * copy was changed after the server's draft was saved (typed here, never saved there).
 */
export function shouldRestoreLocal(
  local: LocalDraft | null,
  server: { status: string; draftSavedAt: string | null },
): boolean {
  if (!local) return false;
  if (server.status !== 'assigned' && server.status !== 'in_progress') return false;
  if (!server.draftSavedAt) return true;
  return local.changedAt > Date.parse(server.draftSavedAt);
}
