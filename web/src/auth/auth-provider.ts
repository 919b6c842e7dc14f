import type { Action, Resource, Role, SessionUserDto } from '@attune/domain';
import { HttpError, type AuthProvider, type UserIdentity } from 'react-admin';
import { API_URL, httpClient, type ApiErrorBody } from '../data/http-client';
import { browserStorage, clearLocalDrafts } from '../portal/draft-storage';

export interface SignInCredentials {
  email: string;
  password: string;
  totp?: string;
}

/** The API asked for the second factor: the sign-in form shows the authentication code field. */
export class TotpRequiredError extends Error {
  readonly code = 'TOTP_REQUIRED';
  constructor(message: string) {
    super(message);
    this.name = 'TotpRequiredError';
  }
}

/**
 * react-admin calls its pages' actions show/edit/create/…; the domain's permissions speak of
 * read/update/create/list/delete.
 */
const ACTION_BY_REACT_ADMIN_ACTION: Record<string, Action> = {
  list: 'list',
  export: 'list',
  show: 'read',
  read: 'read',
  edit: 'update',
  update: 'update',
  create: 'create',
  clone: 'create',
  delete: 'delete',
};

/** The shared permission rules, loaded after sign-in (the sign-in page does without the domain package). */
const domain = () => import('@attune/domain');

export async function canRoleAccess(role: Role | undefined, resource: string, action: string): Promise<boolean> {
  if (!role) return false;
  const domainAction = Object.hasOwn(ACTION_BY_REACT_ADMIN_ACTION, action) ? ACTION_BY_REACT_ADMIN_ACTION[action] : undefined;
  if (!domainAction) return false;
  const { can } = await domain();
  return can(role, resource as Resource, domainAction);
}

/** Resolves on the next tick: react-admin 5.15 loops on the sign-in page otherwise (issue 10764). */
const nextTick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function isTotpRequired(error: unknown): error is HttpError {
  return error instanceof HttpError && error.status === 401 && (error.body as ApiErrorBody | undefined)?.code === 'TOTP_REQUIRED';
}

/** Sessions live in an httpOnly cookie; the signed-in user is cached after the first `/auth/me`. */
export function createAuthProvider(): AuthProvider {
  let user: SessionUserDto | null = null;

  async function fetchMe(): Promise<SessionUserDto> {
    const { json } = await httpClient(`${API_URL}/auth/me`);
    user = json as SessionUserDto;
    return user;
  }

  async function sessionAlive(): Promise<boolean> {
    try {
      await fetchMe();
      return true;
    } catch {
      return false;
    }
  }

  async function currentUser(): Promise<SessionUserDto | null> {
    if (user) return user;
    try {
      return await fetchMe();
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) return null;
      throw error;
    }
  }

  return {
    async login(params: SignInCredentials) {
      const body: SignInCredentials = { email: params.email?.trim() ?? '', password: params.password ?? '' };
      if (params.totp?.trim()) body.totp = params.totp.trim();
      try {
        const { json } = await httpClient(`${API_URL}/auth/login`, { method: 'POST', body: JSON.stringify(body) });
        user = json as SessionUserDto;
        // another person's drafts, left on this browser, are never shown to this one
        clearLocalDrafts(browserStorage(), user.id);
      } catch (error) {
        user = null;
        if (isTotpRequired(error)) throw new TotpRequiredError(error.message);
        throw error;
      }
    },

    async logout() {
      // Only a tab that knows its user ends the session on the server. react-admin also calls
      // logout when a question asked signed out is answered late (401), after the person has
      // signed in meanwhile: ending the cookie's session then would sign the new one out.
      const wasSignedIn = user !== null;
      user = null;
      // on a shared device the next person must not read what was typed here
      clearLocalDrafts(browserStorage());
      try {
        if (wasSignedIn) {
          await httpClient(`${API_URL}/auth/logout`, { method: 'POST' });
        }
      } catch {
        // the session is gone or the server is unreachable: the user is signed out here either way
      }
      await nextTick();
    },

    async checkAuth() {
      const signedIn = await currentUser();
      await nextTick();
      // `message: false`: opening the app signed out is not an error worth a notification
      if (!signedIn) throw { message: false };
    },

    async checkError(error: unknown) {
      const status = (error as { status?: number } | null)?.status;
      if (status === 401) {
        // a request sent before this person signed in, answered after: the session is fine
        if (user !== null && (await sessionAlive())) return;
        // the session ended (timed out, signed out elsewhere): back to sign-in, with nothing left behind
        user = null;
        clearLocalDrafts(browserStorage());
        throw error;
      }
      // the practice requires two-step sign-in and this person has not set it up: to My account, signed in
      if (status === 403 && (error as { body?: ApiErrorBody } | null)?.body?.code === 'TOTP_ENROLMENT_REQUIRED') {
        throw { logoutUser: false, redirectTo: '/account', message: 'account.enrolment_required_short' };
      }
    },

    async getIdentity(): Promise<UserIdentity> {
      const signedIn = await currentUser();
      if (!signedIn) throw new HttpError('Not signed in', 401);
      return { id: signedIn.id, fullName: signedIn.displayName, email: signedIn.email, role: signedIn.role };
    },

    async getPermissions(): Promise<Role | undefined> {
      const signedIn = await currentUser();
      if (!signedIn) return undefined;
      const { isRole } = await domain();
      return isRole(signedIn.role) ? signedIn.role : undefined;
    },

    async canAccess({ resource, action, record }) {
      const signedIn = await currentUser();
      // built-in exercises are never changed or deleted, whoever asks
      if (resource === 'exercises' && (record as { builtIn?: boolean } | undefined)?.builtIn && (action === 'edit' || action === 'delete')) {
        return false;
      }
      return canRoleAccess(signedIn?.role, resource, action);
    },
  };
}
