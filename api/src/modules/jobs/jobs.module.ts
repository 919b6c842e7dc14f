import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.js';

/** The PostgreSQL job queue (pg-boss) and its jobs: the hourly clean-up. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
