import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  erasureDecisionInputSchema,
  erasureRequestInputSchema,
  REPORT_LANGUAGES,
  type ErasureDecisionInput,
  type ErasureRequestDto,
  type ErasureRequestInput,
  type MyErasureRequestsDto,
  type MyRecordExport,
} from '@attune/domain';
import { badRequest } from '../../common/api-errors.js';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { ApiTimeZoneQuery, parseTimeZone } from '../cases/time-zone.js';
import { ErasureRequestsService } from './erasure-requests.service.js';
import { MyExportService } from './my-export.service.js';
import { ApiAnswer, ApiFileAnswer } from '../../openapi/api-answer.decorator.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import { erasureRequestDtoSchema, myErasureRequestsDtoSchema, myRecordExportSchema } from '@attune/domain';
import { z } from 'zod';

const day = () => new Date().toISOString().slice(0, 10);

/** The client's own export and their requests to erase (portal). */
@ApiTags('client portal')
@Controller('me')
export class MyRecordsOutController {
  constructor(private readonly exports: MyExportService, private readonly erasure: ErasureRequestsService) {}

  @ApiAnswer(myRecordExportSchema, { description: 'The record as a JSON file (Content-Disposition: attachment)' })
  @Get('export')
  @Permission('me', 'read')
  @ApiOperation({ summary: 'Everything the caller entered and was shared with them, as a JSON file (practitioner-private content excluded)' })
  async exportJson(@CurrentActor() actor: Actor): Promise<StreamableFile> {
    const record: MyRecordExport = await this.exports.json(actor);
    const body = Buffer.from(JSON.stringify(record, null, 2), 'utf8');
    return new StreamableFile(body, { type: 'application/json; charset=utf-8', disposition: `attachment; filename="my-attune-record-${day()}.json"`, length: body.length });
  }

  @ApiFileAnswer('application/pdf', 'The record (PDF)')
  @Get('export.pdf')
  @Permission('me', 'read')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The same record as a readable PDF' })
  @ApiQuery({ name: 'lang', required: false, enum: REPORT_LANGUAGES })
  @ApiTimeZoneQuery('IANA time zone the dates are printed in; default UTC')
  async exportPdf(@CurrentActor() actor: Actor, @Query('lang') lang: string | undefined, @Query('timeZone') timeZone: string | undefined): Promise<StreamableFile> {
    const language = lang ?? 'en';
    if (!(REPORT_LANGUAGES as readonly string[]).includes(language)) throw badRequest({ lang: `must be one of: ${REPORT_LANGUAGES.join(', ')}` });
    const pdf = await this.exports.pdf(actor, language as (typeof REPORT_LANGUAGES)[number], parseTimeZone(timeZone));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="my-attune-record-${day()}-${language}.pdf"`, length: pdf.length });
  }

  @ApiAnswer(myErasureRequestsDtoSchema)
  @Get('erasure-requests')
  @Permission('me', 'list')
  @ApiOperation({ summary: 'The caller\'s requests to erase their data, with the retention rule' })
  myRequests(@CurrentActor() actor: Actor): Promise<MyErasureRequestsDto> {
    return this.erasure.listMine(actor);
  }

  @ApiAnswer(myErasureRequestsDtoSchema)
  @Post('erasure-requests')
  @Permission('me', 'create')
  @HttpCode(201)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Asks the practice to erase the caller\'s data: recorded for an admin to decide; a pending request is answered again, not repeated' })
  requestErasure(
    @CurrentActor() actor: Actor, @Body({ schema: erasureRequestInputSchema }) body: ErasureRequestInput, @Idempotent() idempotent: IdempotentRequest | undefined,
  ): Promise<MyErasureRequestsDto> {
    return this.erasure.request(actor, body, idempotent);
  }
}

/** Admins decide the requests to erase (the `erasure-requests` permission, which only admins hold). */
@ApiTags('erasure requests')
@Controller('erasure-requests')
export class ErasureRequestsController {
  constructor(private readonly erasure: ErasureRequestsService) {}

  @ApiAnswer(z.array(erasureRequestDtoSchema), { description: 'All of them, newest first' })
  @Get()
  @Permission('erasure-requests', 'list')
  @ApiOperation({ summary: 'The practice\'s requests to erase, pending first (admins)' })
  list(@CurrentActor() actor: Actor): Promise<ErasureRequestDto[]> {
    return this.erasure.list(actor);
  }

  @ApiAnswer(erasureRequestDtoSchema)
  @Post(':id/decision')
  @Permission('erasure-requests', 'update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accepts or declines a pending request with a reason; deletes nothing by itself (admins)' })
  decide(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: erasureDecisionInputSchema }) body: ErasureDecisionInput): Promise<ErasureRequestDto> {
    return this.erasure.decide(actor, id, body);
  }
}
