import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Action, Resource } from '@attune/domain';

export const PUBLIC_ROUTE = 'attune:public';
export const ROUTE_PERMISSION = 'attune:permission';

export interface RoutePermission {
  resource: Resource;
  action: Action;
}

/** Extension marking public routes in the OpenAPI document while it is built (then removed: they list no security). */
export const PUBLIC_EXTENSION = 'x-attune-public';

/** Reachable without signing in (login, health). Every other route needs a @Permission. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_EXTENSION, true));

/** The permission (from libs' PERMISSIONS) a route needs; the guard denies routes that have none. */
export const Permission = (resource: Resource, action: Action) =>
  SetMetadata(ROUTE_PERMISSION, { resource, action } satisfies RoutePermission);

export const SIGNED_IN_ROUTE = 'attune:signed-in';

/** Extensions marking @SignedIn and @AllowApiToken routes while the OpenAPI document is built (then removed). */
export const SIGNED_IN_EXTENSION = 'x-attune-signed-in';
export const TOKEN_ALLOWED_EXTENSION = 'x-attune-token-allowed';

/** Any signed-in person, whatever the role (their own account: me, logout). */
export const SignedIn = () => applyDecorators(SetMetadata(SIGNED_IN_ROUTE, true), ApiExtension(SIGNED_IN_EXTENSION, true));

export const WITHOUT_TOTP_ROUTE = 'attune:without-totp';

/**
 * Reachable by staff who have not yet set up two-step sign-in although their practice requires it
 * (enrolment, confirmation, their own account); every other route answers 403 TOTP_ENROLMENT_REQUIRED.
 */
export const AllowWithoutTotp = () => SetMetadata(WITHOUT_TOTP_ROUTE, true);

export const BEFORE_PASSWORD_CHANGE_ROUTE = 'attune:before-password-change';

/**
 * Reachable by someone an admin asked to choose a new password who has not yet (their own account
 * and the password change itself); every other route answers 403 PASSWORD_CHANGE_REQUIRED.
 */
export const AllowBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_ROUTE, true);

export const TOKEN_ALLOWED_ROUTE = 'attune:token-allowed';

/**
 * A @SignedIn route a personal API token may call too (its owner's account). Other @SignedIn routes
 * (password, two-step sign-in, the tokens themselves) need the session: 403 TOKEN_SCOPE with a token.
 */
export const AllowApiToken = () => applyDecorators(SetMetadata(TOKEN_ALLOWED_ROUTE, true), ApiExtension(TOKEN_ALLOWED_EXTENSION, true));

/**
 * Whether a route takes the session cookie only: a personal API token always gets 403 TOKEN_SCOPE
 * there (a @SignedIn route without @AllowApiToken). AuthGuard admits tokens by it and the OpenAPI
 * document lists the bearer scheme by it.
 */
export function sessionOnly(route: { signedIn: boolean; tokenAllowed: boolean }): boolean {
  return route.signedIn && !route.tokenAllowed;
}
