import { Module } from '@nestjs/common';
import { CaseReportController } from './case-report.controller.js';
import { CaseReportService } from './case-report.service.js';
import { ErasureRequestsService } from './erasure-requests.service.js';
import { ErasureRequestsController, MyRecordsOutController } from './my-records-out.controller.js';
import { MyExportService } from './my-export.service.js';
import { FhirController } from './fhir.controller.js';
import { FhirService } from './fhir.service.js';
import { RecordExports } from './record-exports.js';

/** Records out: FHIR R4 bundles, the case report PDF, and the one export path (rate limit, audit). */
@Module({
  controllers: [FhirController, CaseReportController, MyRecordsOutController, ErasureRequestsController],
  providers: [FhirService, CaseReportService, MyExportService, ErasureRequestsService, RecordExports],
  exports: [RecordExports],
})
export class RecordsModule {}
