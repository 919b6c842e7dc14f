import type { FormValues } from './response-values';

/**
 * A copy of unsaved answers in the browser, so nothing typed is lost when the connection drops or
 * the session ends: written on every change, removed once the server holds the same answers (or
 * the homework is sent). It belongs to one person and one assignment.
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
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function draftStorageKey(assignmentId: string): string {
  return `attune.portal.draft.${assignmentId}`;
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
    const raw = storage.getItem(draftStorageKey(assignmentId));
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
    storage?.setItem(draftStorageKey(assignmentId), JSON.stringify(draft));
  } catch {
    // storage full or blocked: the server copy is all there is
  }
}

export function clearLocalDraft(storage: DraftStorage | undefined, assignmentId: string): void {
  try {
    storage?.removeItem(draftStorageKey(assignmentId));
  } catch {
    // nothing to clear
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
