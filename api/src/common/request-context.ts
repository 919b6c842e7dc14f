import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '@attune/domain';

/** The signed-in person acting in a request. */
export interface Actor {
  userId: string;
  role: Role;
  practiceId: string;
  email: string;
  displayName: string;
  loginSessionId: string;
  /** When the request came with a personal API token: its id, and the scopes that narrow the role. */
  apiTokenId?: string;
  apiTokenScopes?: readonly string[];
}

export interface RequestContext {
  correlationId: string;
  ip: string | null;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();
const CONTEXT_OF_RESPONSE = Symbol('attune.requestContext');

/** The context of the request a response answers: for code that runs when it is sent (logs). */
export function requestContextOf(res: object): RequestContext | undefined {
  return (res as { [CONTEXT_OF_RESPONSE]?: RequestContext })[CONTEXT_OF_RESPONSE];
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Gives every request a correlation id (also sent back as X-Correlation-Id) and its client address. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const correlationId = randomUUID();
  res.setHeader('X-Correlation-Id', correlationId);
  const context: RequestContext = { correlationId, ip: req.ip ?? null };
  (res as unknown as { [CONTEXT_OF_RESPONSE]: RequestContext })[CONTEXT_OF_RESPONSE] = context;
  storage.run(context, () => next());
}
