import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';
import { RefusedAttemptsService } from './refused-attempts.service.js';

@Global()
@Module({ providers: [AuditService, RefusedAttemptsService], exports: [AuditService, RefusedAttemptsService] })
export class AuditModule {}
