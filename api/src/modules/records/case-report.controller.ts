import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { caseReportQuerySchema, type CaseReportQuery } from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { ApiTimeZoneQuery, parseTimeZone } from '../cases/time-zone.js';
import { CaseReportService } from './case-report.service.js';
import { ApiFileAnswer } from '../../openapi/api-answer.decorator.js';

@ApiTags('cases')
@Controller('cases')
export class CaseReportController {
  constructor(private readonly reports: CaseReportService) {}

  @ApiFileAnswer('application/pdf', 'The report (PDF)')
  @Get(':id/report.pdf')
  @Permission('cases', 'read')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The case report as a PDF (or the discharge summary of a closed case) for a period',
    description: 'Clients, stage history, progress chart, sessions with signed notes and addenda, exceptions, homework with answers, signature hashes. English or Chinese. `variant=discharge` on a case that is not closed: 409 CASE_NOT_CLOSED. Rate-limited (EXPORT_RATE_LIMIT) and audited as an export.',
  })
  // a read that can conflict: completeDocument answers it with the one error schema
  @ApiResponse({ status: 409, description: 'The discharge summary of a case that is not closed (CASE_NOT_CLOSED)' })
  @ApiTimeZoneQuery('IANA time zone the dates are read and printed in; default UTC')
  async report(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Query({ schema: caseReportQuerySchema }) query: CaseReportQuery,
    @Query('timeZone') timeZone: string | undefined,
  ): Promise<StreamableFile> {
    const file = await this.reports.report(actor, id, query, parseTimeZone(timeZone));
    return new StreamableFile(file.pdf, { type: 'application/pdf', disposition: `attachment; filename="${file.fileName}"`, length: file.pdf.length });
  }
}
