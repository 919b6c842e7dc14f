import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../../common/actor.decorator.js';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey, type IdempotentRequest } from './idempotency.service.js';

/**
 * The request's `Idempotency-Key` with what it guards (the signed-in user, the route and the body
 * as sent), or undefined when the header is absent; a malformed key is a 400.
 */
export const Idempotent = createParamDecorator((_data: unknown, ctx: ExecutionContext): IdempotentRequest | undefined => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest & Request>();
  const key = parseIdempotencyKey(req.headers[IDEMPOTENCY_HEADER]);
  if (key === undefined) return undefined;
  if (!req.actor) throw new Error('Idempotent used on a route without an authenticated actor');
  return { userId: req.actor.userId, key, route: `${req.method} ${req.baseUrl}${req.path}`, body: req.body as unknown };
});

/** Documents the header on a route that takes it. */
export function ApiIdempotencyKey(): MethodDecorator {
  // its 422 (IDEMPOTENCY_KEY_REUSED) is documented with the other errors, in openapi-document.ts
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Up to 200 visible characters (a UUID). A retry with the same key and body within 24 hours returns the first answer and creates nothing more; the same key with another body is a 422',
    }),
  );
}
