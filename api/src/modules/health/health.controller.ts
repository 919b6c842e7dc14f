import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/access.decorators.js';

/** Seconds a load balancer or client should wait before asking again after a 503. */
const RETRY_AFTER_SECONDS = '5';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Liveness: the process answers and reaches its database. */
  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: the API answers and reaches PostgreSQL' })
  async check(@Res({ passthrough: true }) res: Response): Promise<{ status: 'ok'; database: 'up' }> {
    await this.databaseAnswers(res);
    return { status: 'ok', database: 'up' };
  }

  /** Readiness: worth sending traffic to: the database answers and every migration is applied. */
  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: PostgreSQL answers and every migration is applied (503 otherwise)' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<{ status: 'ready'; database: 'up'; migrations: 'applied' }> {
    await this.databaseAnswers(res);
    let pending: boolean;
    try {
      pending = await this.dataSource.showMigrations();
    } catch {
      throw this.unavailable(res, 'The database does not answer');
    }
    if (pending) throw this.unavailable(res, 'Migrations are still to be applied');
    return { status: 'ready', database: 'up', migrations: 'applied' };
  }

  private async databaseAnswers(res: Response): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw this.unavailable(res, 'The database does not answer');
    }
  }

  private unavailable(res: Response, message: string): ServiceUnavailableException {
    res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    return new ServiceUnavailableException({ statusCode: 503, message, code: 'SERVICE_UNAVAILABLE' });
  }
}
