import { Global, Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { JobQueue } from './job-queue.js';

/** The PostgreSQL job queue (pg-boss) and its jobs: the hourly clean-up. */
@Global()
@Module({ imports: [MetricsModule], providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
