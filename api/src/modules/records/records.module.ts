import { Module } from '@nestjs/common';
import { FhirController } from './fhir.controller.js';
import { FhirService } from './fhir.service.js';
import { RecordExports } from './record-exports.js';

/** Records out: FHIR R4 bundles, the case report PDF, and the one export path (rate limit, audit). */
@Module({
  controllers: [FhirController],
  providers: [FhirService, RecordExports],
  exports: [RecordExports],
})
export class RecordsModule {}
