import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Inject, NotFoundException, Req } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Registry } from 'prom-client';
import { Public } from '../../common/access.decorators.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ApiMetrics } from './request-metrics.js';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Prometheus text format, for a scraper on the same machine (a direct loopback connection, not
   * one forwarded by a proxy there) or one holding `METRICS_TOKEN` as a bearer token. Anyone else
   * gets the 404 of a route that does not exist.
   */
  @Get()
  @Public()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'The Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiOperation({ summary: 'Metrics in the Prometheus format (loopback, or Authorization: Bearer METRICS_TOKEN)' })
  async scrape(@Req() req: Request): Promise<string> {
    if (!this.mayScrape(req)) throw new NotFoundException('Cannot GET /api/metrics');
    return this.metrics.registry.metrics();
  }

  private mayScrape(req: Request): boolean {
    const token = this.config.metricsToken;
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (token && given) {
      const a = Buffer.from(given);
      const b = Buffer.from(token);
      return a.length === b.length && timingSafeEqual(a, b);
    }
    const peer = req.socket.remoteAddress ?? '';
    const loopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
    return loopback && req.get('x-forwarded-for') === undefined && req.get('forwarded') === undefined;
  }
}
