import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { routeTemplate } from '../../common/route-template.js';

/**
 * The API's Prometheus metrics, one registry per app (tests start several apps in one process):
 * request rate and latency per route template, the PostgreSQL pool's use, and Node's own
 * (event-loop lag, heap, GC) from prom-client's default collectors; the job queue adds its depth
 * and failures (job-metrics.ts). Labels carry route templates (`/api/cases/:id`) and queue names,
 * never ids or query strings.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'attune_http_request_duration_seconds',
    help: 'Time from request to the last byte of the answer, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'attune_' });
    const pool = () => (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    new Gauge({
      name: 'attune_db_pool_connections',
      help: 'PostgreSQL connections of this process: open, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        this.set({ state: 'total' }, p?.totalCount ?? 0);
        this.set({ state: 'idle' }, p?.idleCount ?? 0);
        this.set({ state: 'waiting' }, p?.waitingCount ?? 0);
      },
    });
  }

  /** Express middleware timing every API request; the route is known once the answer is sent. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/api/')) { next(); return; }
    const end = this.requestDuration.startTimer();
    res.once('finish', () => {
      end({ method: req.method, route: routeTemplate(req), status: String(res.statusCode) });
    });
    next();
  };
}
