import fs from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { ApiMetrics } from './modules/metrics/request-metrics.js';
import { withCorrelationId } from './common/http-exception.filter.js';
import { keepDatabaseErrorsFromEndingTheProcess } from './common/database-resilience.js';
import { requestContextMiddleware } from './common/request-context.js';
import type { AppConfig } from './config/app-config.js';

/** Builds the whole HTTP application: API under /api, OpenAPI at /api/docs, the web app at /. */
export async function createApp(config: AppConfig, databaseUrl: string, options: { logger?: false } = {}): Promise<NestExpressApplication> {
  const logging = options.logger !== false;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, { logQueryErrors: logging, logRequests: logging }), {
    ...(logging ? {} : { logger: false as const }),
    bufferLogs: logging,
    bodyParser: false,
  });
  // Nest's messages go through pino too (common/request-logging.ts), as JSON lines.
  if (logging) app.useLogger(app.get(PinoLogger));
  // No enableShutdownHooks(): Nest's signal hook closes the app and then re-raises the signal, which
  // kills the process before main.ts has stopped the embedded PostgreSQL. main.ts owns the signals.
  keepDatabaseErrorsFromEndingTheProcess(app.get(DataSource));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // API answers are `no-store`: an ETag would hash every body for nothing (static files keep theirs).
  app.disable('etag');
  app.use(requestContextMiddleware);
  app.use(app.get(ApiMetrics).middleware);
  app.use(helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': config.cookieSecure ? [] : null,
      },
    },
    hsts: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  }));
  // Answers over 1 KB are compressed for browsers that ask (brotli or gzip): API JSON and index.html.
  // Built assets already have .br/.gz copies (served below), which this leaves alone.
  app.use(compression({ threshold: 1024 }));
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(express.json({ limit: '1mb' }));
  app.use(rejectUnreadableBody);
  app.use(cookieParser());
  if (config.corsOrigin) {
    app.enableCors({ origin: config.corsOrigin.split(','), credentials: true, exposedHeaders: ['Content-Range', 'X-Correlation-Id'] });
  }
  app.setGlobalPrefix('api');

  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });

  serveWebApp(app, config.webDistDir);
  return app;
}

/** The built react-admin app, with index.html for every non-API path (client-side routes). */
function serveWebApp(app: NestExpressApplication, webDistDir: string): void {
  const index = path.join(webDistDir, 'index.html');
  if (!fs.existsSync(index)) {
    new Logger('Web').warn(`No web build at ${webDistDir}; run \`npm run build\` to serve the app at /`);
    return;
  }
  // The build's .br and .gz copies go to browsers that accept them (with Vary: Accept-Encoding);
  // hashed assets are immutable, everything else (index.html, robots.txt, the manifest) revalidates.
  const staticFiles = expressStaticGzip(webDistDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    serveStatic: {
      index: false,
      setHeaders: (res, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    },
  });
  // API requests never touch the file system.
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api') ? next() : staticFiles(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Client-side routes get the app; a missing built file is a plain 404, not the app's HTML.
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/assets/')) { next(); return; }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/**
 * A body that is not JSON, or JSON that is not an object or a list, or one over the size limit:
 * answered like every other bad input, `{statusCode, message, code, errors, correlationId}` naming the body (`_root`),
 * never with the parser's own text.
 */
function rejectUnreadableBody(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    res.status(413).json(withCorrelationId({ statusCode: 413, message: 'The body is larger than 1 MB', code: 'BODY_TOO_LARGE', errors: { _root: 'is larger than 1 MB' } }, res));
    return;
  }
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported' || type === 'request.aborted') {
    res.status(400).json(withCorrelationId({ statusCode: 400, message: 'The body must be a JSON object', code: 'VALIDATION', errors: { _root: 'must be a JSON object' } }, res));
    return;
  }
  next(error);
}
