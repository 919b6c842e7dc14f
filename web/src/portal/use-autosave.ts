import type { ExerciseField } from '@attune/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { HttpError, useLogoutIfAccessDenied } from 'react-admin';
import { browserStorage, clearLocalDraft, writeLocalDraft } from './draft-storage';
import { portalApi } from './portal-api';
import type { PortalAssignmentDetail } from './portal-types';
import { draftPayload, responseErrors, type FormValues } from './response-values';

export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'invalid' | 'signed_out' | 'conflict' | 'case_closed';

export const AUTOSAVE_DELAY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/** Whether a failed request is worth retrying: no answer at all (offline) or a server-side hiccup. */
export function isTransient(error: unknown): boolean {
  if (error instanceof HttpError) return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
  return true; // fetch's TypeError: the network is down
}

export interface AutosaveOptions {
  assignmentId: string;
  userId: string | undefined;
  fields: readonly ExerciseField[];
  values: FormValues;
  sharedWithPartner: boolean | undefined;
  /** Bumped on every change the person makes (not on loading). */
  changeCount: number;
  enabled: boolean;
  onSaved?: (detail: PortalAssignmentDetail) => void;
  onInvalid?: (errors: Record<string, string>) => void;
}

/**
 * Saves a draft about a second after the last change, without a click: a copy goes to this
 * device's storage at once, the server gets it after the pause. Offline or on a server error it
 * retries (with growing pauses, and at once when the browser is back online); signed out, it keeps
 * the copy for after sign-in. Once the server holds the answers, the device copy is removed.
 */
export function useAutosave(options: AutosaveOptions) {
  const { assignmentId, userId, enabled, changeCount } = options;
  const [state, setState] = useState<AutosaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const latest = useRef(options);
  latest.current = options;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryDelay = useRef(2000);
  const inFlight = useRef(false);
  /** The change count the server holds; saving is needed while it is behind. */
  const savedChange = useRef(changeCount);
  const stopped = useRef(!enabled);
  const logoutIfAccessDenied = useLogoutIfAccessDenied();

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const save = useCallback(async (): Promise<void> => {
    clearTimer();
    if (stopped.current || inFlight.current) return;
    const current = latest.current;
    const changeAtStart = current.changeCount;
    if (changeAtStart === savedChange.current) return;
    inFlight.current = true;
    setState('saving');
    try {
      const body = {
        response: draftPayload(current.fields, current.values),
        ...(current.sharedWithPartner === undefined ? {} : { sharedWithPartner: current.sharedWithPartner }),
      };
      const detail = await portalApi.saveDraft(current.assignmentId, body);
      savedChange.current = changeAtStart;
      retryDelay.current = 2000;
      setSavedAt(detail.draftSavedAt ? new Date(detail.draftSavedAt) : new Date());
      current.onSaved?.(detail);
      if (latest.current.changeCount === changeAtStart) {
        if (current.userId) clearLocalDraft(browserStorage(), current.assignmentId, current.userId);
        setState('saved');
      } else {
        setState('pending');
      }
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        setState('signed_out');
        stopped.current = true;
        await logoutIfAccessDenied(error);
      } else if (error instanceof HttpError && error.status === 409) {
        setState((error.body as { code?: string } | undefined)?.code === 'CASE_CLOSED' ? 'case_closed' : 'conflict');
        stopped.current = true;
      } else if (error instanceof HttpError && error.status === 400) {
        setState('invalid');
        current.onInvalid?.(responseErrors((error.body as { errors?: Record<string, string> } | undefined)?.errors));
      } else if (isTransient(error)) {
        setState('offline');
        const delay = retryDelay.current;
        retryDelay.current = Math.min(delay * 2, MAX_RETRY_MS);
        timer.current = setTimeout(() => void save(), delay);
      } else {
        setState('invalid');
      }
    } finally {
      inFlight.current = false;
    }
    if (!stopped.current && latest.current.changeCount !== savedChange.current && !timer.current) {
      timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    }
  }, [logoutIfAccessDenied]);

  // Every change: the device copy at once, the server after a pause.
  useEffect(() => {
    if (!enabled || changeCount === savedChange.current) return;
    stopped.current = false;
    if (userId) {
      writeLocalDraft(browserStorage(), assignmentId, {
        v: 1,
        userId,
        values: latest.current.values,
        ...(latest.current.sharedWithPartner === undefined ? {} : { sharedWithPartner: latest.current.sharedWithPartner }),
        changedAt: Date.now(),
      });
    }
    setState((s) => (s === 'offline' || s === 'saving' ? s : 'pending'));
    if (!inFlight.current) {
      clearTimer();
      timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    }
  }, [changeCount, enabled, assignmentId, userId, save]);

  useEffect(() => {
    stopped.current = !enabled;
    if (!enabled) clearTimer();
    // Resumed (e.g. after a submission that did not go through) with changes the server lacks.
    else if (latest.current.changeCount !== savedChange.current && !inFlight.current && !timer.current) {
      setState('pending');
      timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    }
  }, [enabled, save]);

  // Back online: try at once.
  useEffect(() => {
    const online = () => {
      if (!stopped.current && latest.current.changeCount !== savedChange.current) {
        retryDelay.current = 2000;
        void save();
      }
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [save]);

  // Leaving the page with unsaved changes: one last try (the device copy is there either way).
  useEffect(() => () => {
    clearTimer();
    if (!stopped.current && latest.current.changeCount !== savedChange.current) void save();
  }, [save]);

  return {
    state,
    savedAt,
    /** Saves now (the "Save draft" button). */
    flush: save,
    /** Stops autosaving (before a submission) and drops a pending save. */
    stop: () => {
      stopped.current = true;
      clearTimer();
    },
    /** Marks the current answers as held by the server (e.g. right after loading or restoring). */
    markSaved: (count: number) => {
      savedChange.current = count;
    },
    hasUnsavedChanges: () => latest.current.changeCount !== savedChange.current,
  };
}
