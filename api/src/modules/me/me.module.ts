import { Module } from '@nestjs/common';
import { MeController } from './me.controller.js';
import { MyAssignmentsService } from './my-assignments.service.js';
import { MyRecordsService } from './my-records.service.js';

/** The client portal under /api/me: the caller's own homework, log entries, self-ratings and progress. */
@Module({ controllers: [MeController], providers: [MyAssignmentsService, MyRecordsService] })
export class MeModule {}
