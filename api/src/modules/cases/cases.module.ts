import { Global, Module } from '@nestjs/common';
import { CaseAccessService } from './case-access.service.js';
import { CaseProgressService } from './case-progress.service.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';

/** Global so that every module reaches cases through the one access rule of CaseAccessService. */
@Global()
@Module({
  controllers: [CasesController],
  providers: [CaseAccessService, CasesService, CaseProgressService],
  exports: [CaseAccessService],
})
export class CasesModule {}
