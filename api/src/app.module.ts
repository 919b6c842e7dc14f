import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiExceptionFilter } from './common/http-exception.filter.js';
import { requestLoggingModule } from './common/request-logging.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source.js';
import { DOMAIN_MODULES } from './domain-modules.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { IdempotencyModule } from './modules/idempotency/idempotency.module.js';
import { HealthController } from './modules/health/health.controller.js';
import { MetricsModule } from './modules/metrics/metrics.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, options: { logQueryErrors?: boolean; logRequests?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.dbPoolSize, options.logQueryErrors ?? true)),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'login', ttl: 60_000, limit: config.loginThrottleLimit }] }),
        ...(options.logRequests === false ? [] : [requestLoggingModule(config)]),
        AuditModule,
        AuthModule,
        MetricsModule,
        IdempotencyModule,
        ...DOMAIN_MODULES,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}
