import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../../common/access.decorators.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../common/database-resilience.js';
import { RetryLaterException } from '../../common/retry-later.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { healthDtoSchema, readinessDtoSchema } from '@attune/domain';

const unavailable = (message: string) => new RetryLaterException(503, message, 'SERVICE_UNAVAILABLE', DATABASE_RETRY_AFTER_SECONDS);

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Liveness: the process answers and reaches its database. */
  @ApiAnswer(healthDtoSchema)
  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: the API answers and reaches PostgreSQL' })
  async check(): Promise<{ status: 'ok'; database: 'up' }> {
    await this.databaseAnswers();
    return { status: 'ok', database: 'up' };
  }

  /** Readiness: worth sending traffic to: the database answers and every migration is applied. */
  @ApiAnswer(readinessDtoSchema)
  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: PostgreSQL answers and every migration is applied (503 otherwise)' })
  async ready(): Promise<{ status: 'ready'; database: 'up'; migrations: 'applied' }> {
    await this.databaseAnswers();
    const pending = await this.dataSource.showMigrations().catch(() => {
      throw unavailable('The database does not answer');
    });
    if (pending) throw unavailable('Migrations are still to be applied');
    return { status: 'ready', database: 'up', migrations: 'applied' };
  }

  private async databaseAnswers(): Promise<void> {
    await this.dataSource.query('SELECT 1').catch(() => {
      throw unavailable('The database does not answer');
    });
  }
}
