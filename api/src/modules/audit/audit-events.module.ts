import { Module } from '@nestjs/common';

/** The admin's read-only list of audit events (the writer is AuditService, global). */
@Module({})
export class AuditEventsModule {}
