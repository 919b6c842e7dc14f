import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCsvExport } from '../exports/api-csv-export.decorator.js';
import { CsvExportService } from '../exports/csv-export.service.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { caseReassignmentSchema, caseStatusChangeInputSchema, transitionInputSchema, type CaseReassignment, type CaseProgressDto, type CaseStatusChangeDto, type CaseStatusChangeInput, type ExceptionPatternsDto, type TransitionInput } from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { CaseProgressService } from './case-progress.service.js';
import { CASE_LIST, caseCreateSchema, caseUpdateSchema, type CaseCreate, type CaseUpdate } from './cases.dto.js';
import { CasesService } from './cases.service.js';
import { ApiTimeZoneQuery, parseTimeZone } from './time-zone.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import type { CaseDto, RecordCorrectionDto, StageTransitionDto } from '@attune/domain';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { caseDtoSchema, caseProgressDtoSchema, exceptionPatternsDtoSchema, stageTransitionDtoSchema } from '@attune/domain';
import { z } from 'zod';
import { caseStatusChangeDtoSchema, recordCorrectionDtoSchema } from '@attune/domain';

/** Cases are closed, never deleted: there is no DELETE route. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService, private readonly progress: CaseProgressService, private readonly csv: CsvExportService) {}

  @ApiAnswer(caseDtoSchema, { list: true })
  @Get()
  @Permission('cases', 'list')
  @ApiOperation({
    summary: 'Cases of the caller\'s caseload (admins: the practice)',
    description: 'clientId: cases with that client; alert: open cases with an active alert of that kind; q: title, presenting concern, client names.',
  })
  @ApiListQuery(CASE_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<CaseDto>> {
    return this.cases.list(actor, parseListQuery(CASE_LIST, query));
  }

  @Get('export.csv')
  @Permission('cases', 'list')
  @ApiCsvExport('Every case of the list (its filter and sort) as CSV', CASE_LIST)
  exportCsv(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.csv.send(res, actor, this.cases.exportSource(actor), parseListQuery(CASE_LIST, query));
  }

  @ApiAnswer(caseDtoSchema)
  @Get(':id')
  @Permission('cases', 'read')
  @ApiOperation({ summary: 'One case with its schedule, latest scores and active alerts' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CaseDto> {
    return this.cases.get(actor, id);
  }

  @ApiAnswer(caseDtoSchema)
  @Post()
  @Permission('cases', 'create')
  @ApiOperation({ summary: 'Open a case in stage 1 with its one (individual) or two (couple) clients; admins name the practitioner' })
  @ApiIdempotencyKey()
  create(@CurrentActor() actor: Actor, @Body({ schema: caseCreateSchema }) body: CaseCreate, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<CaseDto> {
    return this.cases.create(actor, body, idempotent);
  }

  @ApiAnswer(caseDtoSchema)
  @Put(':id')
  @Permission('cases', 'update')
  @ApiOperation({
    summary: 'Edit title, presenting concern and status (open/closed)',
    description: 'Kind, clients, stage and derived fields are ignored: the stage moves through POST /cases/:id/transitions, the practitioner through POST /cases/:id/reassignment.',
  })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: caseUpdateSchema }) body: CaseUpdate): Promise<CaseDto> {
    return this.cases.update(actor, id, body);
  }

  @ApiAnswer(caseDtoSchema)
  @Post(':id/reassignment')
  @Permission('cases', 'update')
  @ApiOperation({
    summary: 'Admins: hand the case to another practitioner, with a reason',
    description: 'The clients follow the case: the old practitioner keeps a client only while another case of theirs includes it. Audited as `reassign`.',
  })
  reassign(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: caseReassignmentSchema }) body: CaseReassignment): Promise<CaseDto> {
    return this.cases.reassign(actor, id, body);
  }

  @ApiAnswer(stageTransitionDtoSchema)
  @Post(':id/transitions')
  @Permission('cases', 'update')
  @ApiOperation({ summary: 'Move the case to a stage (forward, back, or a new cycle from stage 6) with a reason' })
  transition(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: transitionInputSchema }) body: TransitionInput): Promise<StageTransitionDto> {
    return this.cases.transition(actor, id, body);
  }

  @ApiAnswer(caseDtoSchema)
  @Post(':id/close')
  @HttpCode(200)
  @Permission('cases', 'update')
  @ApiOperation({ summary: 'Close the case with a reason (kept with the case, audited); a closed case: 409' })
  close(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: caseStatusChangeInputSchema }) body: CaseStatusChangeInput): Promise<CaseDto> {
    return this.cases.changeStatus(actor, id, 'closed', body);
  }

  @ApiAnswer(caseDtoSchema)
  @Post(':id/reopen')
  @HttpCode(200)
  @Permission('cases', 'update')
  @ApiOperation({ summary: 'Reopen a closed case with a reason (kept with the case, audited); an open case: 409' })
  reopen(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: caseStatusChangeInputSchema }) body: CaseStatusChangeInput): Promise<CaseDto> {
    return this.cases.changeStatus(actor, id, 'open', body);
  }

  @ApiAnswer(z.array(caseStatusChangeDtoSchema), { description: 'All of them, oldest first' })
  @Get(':id/status-changes')
  @Permission('cases', 'read')
  @ApiOperation({ summary: 'Every close and reopen of the case with its reason, oldest first' })
  statusChanges(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CaseStatusChangeDto[]> {
    return this.cases.statusChanges(actor, id);
  }

  @ApiAnswer(z.array(recordCorrectionDtoSchema), { description: 'All of them, oldest first' })
  @Get(':id/corrections')
  @Permission('cases', 'read')
  @ApiOperation({ summary: 'Every correction of the case\'s ratings, exceptions and homework, with its reason and who made it, oldest first' })
  corrections(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<RecordCorrectionDto[]> {
    return this.cases.corrections(actor, id);
  }

  @ApiAnswer(z.array(stageTransitionDtoSchema), { description: 'All of them, oldest first' })
  @Get(':id/transitions')
  @Permission('cases', 'read')
  @ApiOperation({ summary: 'Every stage move of the case, oldest first, starting with its opening' })
  transitions(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<StageTransitionDto[]> {
    return this.cases.transitions(actor, id);
  }

  @ApiAnswer(caseProgressDtoSchema)
  @Get(':id/progress')
  @Permission('cases', 'read')
  @ApiOperation({ summary: 'Score series per client, stage bands, sessions and active alerts' })
  caseProgress(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CaseProgressDto> {
    return this.progress.progress(actor, id);
  }

  @ApiAnswer(exceptionPatternsDtoSchema)
  @Get(':id/exception-patterns')
  @Permission('cases', 'read')
  @ApiOperation({ summary: 'Exception tag counts, tag pairs and the conditions (partner, weekday/weekend, time of day) exceptions occur under' })
  @ApiTimeZoneQuery('IANA time zone for weekdays and times of day; default UTC')
  exceptionPatterns(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('timeZone') timeZone?: string): Promise<ExceptionPatternsDto> {
    return this.progress.exceptionPatterns(actor, id, parseTimeZone(timeZone));
  }
}
