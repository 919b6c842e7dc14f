import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { routeTemplate } from './route-template.js';
import { requestContextOf } from './request-context.js';

const PINO_LEVEL: Record<AppConfig['logLevel'], string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' };

type Req = IncomingMessage & { method?: string };

/**
 * Logs through pino: one JSON line per API request (correlation id, method, route template,
 * status, duration, user id) and Nest's own messages as JSON lines carrying the request's
 * correlation id. Never a URL with its query (a search can name a person), a header, a cookie,
 * a body or a token. In a terminal the lines are printed readably (pino-pretty); piped or in a
 * container they stay JSON, one object a line.
 */
export function requestLoggingModule(config: AppConfig): DynamicModule {
  const pretty = process.stdout.isTTY;
  const params: Params = {
    pinoHttp: [
      {
        level: PINO_LEVEL[config.logLevel],
        base: undefined,
        timestamp: () => `,"time":"${new Date().toISOString()}"`,
        messageKey: 'msg',
        genReqId: (req: Req, res: ServerResponse) => requestContextOf(res)?.correlationId ?? String(res.getHeader('X-Correlation-Id') ?? ''),
        customAttributeKeys: { reqId: 'correlationId' },
        quietReqLogger: true,
        // pino-http adds the whole request (URL, headers, cookies) and response to its lines; they stay out
        serializers: { req: () => undefined, res: () => undefined },
        autoLogging: { ignore: (req: Req) => !(req.url ?? '').startsWith('/api/') },
        customLogLevel: (_req: Req, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
        customSuccessMessage: (req: Req, res: ServerResponse) => `${req.method} ${routeTemplate(req)} ${res.statusCode}`,
        customErrorMessage: (req: Req, res: ServerResponse) => `${req.method} ${routeTemplate(req)} ${res.statusCode}`,
        customSuccessObject: (req: Req, res: ServerResponse, value: { responseTime?: number }) => requestLine(req, res, value),
        customErrorObject: (req: Req, res: ServerResponse, _error: Error, value: { responseTime?: number }) => requestLine(req, res, value),
        ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
      },
      // process.stdout rather than pino's own fd writer: whatever captures the process's output sees the lines
      ...(pretty ? [] : [process.stdout]),
    ] as unknown as NonNullable<Params['pinoHttp']>,
  };
  return LoggerModule.forRoot(params);
}

function requestLine(req: Req, res: ServerResponse, value: { responseTime?: number }): Record<string, unknown> {
  return {
    method: req.method,
    route: routeTemplate(req),
    status: res.statusCode,
    durationMs: value.responseTime,
    userId: requestContextOf(res)?.actor?.userId ?? null,
  };
}
