import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from './request-context.js';

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

/** The signed-in actor of the request; routes that use it are never public. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.actor) throw new Error('CurrentActor used on a route without an authenticated actor');
  return req.actor;
});
