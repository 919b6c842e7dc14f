import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MetricsController } from './metrics.controller.js';
import { ApiMetrics } from './request-metrics.js';

@Module({
  controllers: [MetricsController],
  providers: [{ provide: ApiMetrics, useFactory: (dataSource: DataSource) => new ApiMetrics(dataSource), inject: [getDataSourceToken()] }],
  exports: [ApiMetrics],
})
export class MetricsModule {}
