import { Global, Module } from '@nestjs/common';
import { CsvExportService } from './csv-export.service.js';

/** The shared CSV export path; every list module uses it. */
@Global()
@Module({ providers: [CsvExportService], exports: [CsvExportService] })
export class ExportsModule {}
