import { type CanActivate, type ExecutionContext, ForbiddenException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can, tokenScopeAllows } from '@attune/domain';
import {
  BEFORE_PASSWORD_CHANGE_ROUTE, PUBLIC_ROUTE, ROUTE_PERMISSION, SIGNED_IN_ROUTE, sessionOnly, TOKEN_ALLOWED_ROUTE, WITHOUT_TOTP_ROUTE, type RoutePermission,
} from '../../common/access.decorators.js';
import type { AuthenticatedRequest } from '../../common/actor.decorator.js';
import type { Actor } from '../../common/request-context.js';
import { ApiTokensService, bearerTokenOf } from '../api-tokens/api-tokens.service.js';
import { XSRF_REJECTED } from '../../common/http-exception.filter.js';
import { RetryLaterException } from '../../common/retry-later.js';
import { currentRequestContext } from '../../common/request-context.js';
import { UserRateLimit } from '../../common/user-rate-limit.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuthService, SESSION_COOKIE, XSRF_HEADER } from './auth.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny by default: a route is reachable only when it is @Public, or when the
 * caller is signed in, sent the XSRF token on a mutation, has set up two-step
 * sign-in where their practice requires it (or the route is @AllowWithoutTotp),
 * has chosen the new password an admin asked for (or the route is @AllowBeforePasswordChange),
 * and their role has the route's @Permission in libs' permission table. Each signed-in user may send
 * `API_RATE_LIMIT` requests a minute (per process); past that, 429 with Retry-After.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly rateLimit: UserRateLimit;

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly tokens: ApiTokensService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rateLimit = new UserRateLimit(config.apiRateLimit);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const bearer = bearerTokenOf(req.headers.authorization);
    if (bearer !== undefined) return this.admitToken(context, req, bearer);
    const session = await this.auth.resolve(req.cookies?.[SESSION_COOKIE]);
    if (!session) throw new UnauthorizedException('Please sign in');
    // Who is asking, for the audit trail, also when the request is refused below.
    const requestContext = currentRequestContext();
    if (requestContext) requestContext.actor = session.actor;

    const wait = this.rateLimit.take(session.actor.userId);
    if (wait > 0) {
      throw new RetryLaterException(429, `Too many requests: try again in ${wait} s`, 'RATE_LIMITED', wait);
    }
    if (!SAFE_METHODS.has(req.method) && !this.auth.xsrfMatches(session.xsrfToken, req.headers[XSRF_HEADER])) {
      throw new ForbiddenException({ statusCode: HttpStatus.FORBIDDEN, message: 'Missing or wrong X-XSRF-TOKEN header', code: XSRF_REJECTED });
    }
    const beforePasswordChange = this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_ROUTE, targets);
    if (session.passwordChangeRequired && !beforePasswordChange) {
      throw new ForbiddenException({
        statusCode: HttpStatus.FORBIDDEN,
        message: 'An administrator asked you to choose a new password: change it first (POST /api/auth/password)',
        code: 'PASSWORD_CHANGE_REQUIRED',
      });
    }
    // the password change an admin asked for goes before the two-step set-up
    if (session.totpEnrolmentRequired && !(session.passwordChangeRequired && beforePasswordChange) && !this.reflector.getAllAndOverride<boolean>(WITHOUT_TOTP_ROUTE, targets)) {
      throw new ForbiddenException({
        statusCode: HttpStatus.FORBIDDEN,
        message: 'Your practice requires two-step sign-in: set it up first (POST /api/auth/totp/enrol)',
        code: 'TOTP_ENROLMENT_REQUIRED',
      });
    }
    const permission = this.reflector.getAllAndOverride<RoutePermission | undefined>(ROUTE_PERMISSION, targets);
    const anySignedIn = this.reflector.getAllAndOverride<boolean>(SIGNED_IN_ROUTE, targets);
    if (!anySignedIn && (!permission || !can(session.actor.role, permission.resource, permission.action))) {
      throw new ForbiddenException('You do not have access to this');
    }
    req.actor = session.actor;
    return true;
  }

  /**
   * `Authorization: Bearer <personal API token>`: no cookie, no XSRF header (nothing a browser sends
   * by itself), the owner's role narrowed to the token's scopes; every use is audited as the token.
   */
  private async admitToken(context: ExecutionContext, req: AuthenticatedRequest, token: string): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const actor = await this.tokens.resolve(token);
    if (!actor) throw new UnauthorizedException('The API token is unknown, revoked or expired');
    const requestContext = currentRequestContext();
    if (requestContext) requestContext.actor = actor;
    const wait = this.rateLimit.take(actor.userId);
    if (wait > 0) throw new RetryLaterException(429, `Too many requests: try again in ${wait} s`, 'RATE_LIMITED', wait);
    if (!this.tokenMay(actor, targets)) {
      throw new ForbiddenException({ statusCode: HttpStatus.FORBIDDEN, message: 'The API token\'s scopes do not cover this', code: 'TOKEN_SCOPE' });
    }
    await this.tokens.noteUse(actor);
    req.actor = actor;
    return true;
  }

  private tokenMay(actor: Actor, targets: Parameters<Reflector['getAllAndOverride']>[1]): boolean {
    const signedIn = this.reflector.getAllAndOverride<boolean | undefined>(SIGNED_IN_ROUTE, targets) === true;
    if (sessionOnly({ signedIn, tokenAllowed: this.reflector.getAllAndOverride<boolean | undefined>(TOKEN_ALLOWED_ROUTE, targets) === true })) return false;
    if (signedIn) return true;
    const permission = this.reflector.getAllAndOverride<RoutePermission | undefined>(ROUTE_PERMISSION, targets);
    return !!permission && can(actor.role, permission.resource, permission.action) && tokenScopeAllows(actor.apiTokenScopes ?? [], permission.resource, permission.action);
  }
}
