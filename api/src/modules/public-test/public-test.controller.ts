import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiParam } from '@nestjs/swagger';
import {
  intakeAcceptSchema, practiceSettingsInputSchema, publicTestSubmitSchema,
  type IntakeAccept, type IntakeRequestDto, type PracticeSettingsDto, type PracticeSettingsInput, type PublicTestDto, type PublicTestResultDto, type PublicTestSubmit,
} from '@attune/domain';
import type { Request } from 'express';
import { Permission, Public } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { INTAKE_REQUEST_LIST, IntakeRequestsService } from './intake-requests.service.js';
import { PracticeSettingsService } from './practice-settings.service.js';
import { PublicTestService } from './public-test.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { intakeRequestDtoSchema, practiceSettingsDtoSchema, publicTestDtoSchema, publicTestResultDtoSchema } from '@attune/domain';

@ApiTags('public test')
@Controller('public/practices')
export class PublicTestController {
  constructor(private readonly test: PublicTestService) {}

  @ApiAnswer(publicTestDtoSchema)
  @ApiParam({ name: 'slug', description: 'The practice\'s public address', schema: { type: 'string', pattern: '^[a-z0-9-]+$' } })
  @Get(':slug/relationship-test')
  @Public()
  @ApiOperation({ summary: 'The practice\'s public relationship test (404 when the practice has it switched off)' })
  get(@Param('slug') slug: string): Promise<PublicTestDto> {
    return this.test.get(slug);
  }

  @ApiAnswer(publicTestResultDtoSchema)
  @ApiParam({ name: 'slug', description: 'The practice\'s public address', schema: { type: 'string', pattern: '^[a-z0-9-]+$' } })
  @Post(':slug/relationship-test')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Scores the answers and returns the profile and playbook; stores nothing unless {consent: true, contact}, then files an intake request',
    description: 'Throttled per address (429 with Retry-After); answers sent faster than the minimum fill time, or without the start token from GET, are refused (400).',
  })
  submit(@Param('slug') slug: string, @Body({ schema: publicTestSubmitSchema }) body: PublicTestSubmit, @Req() req: Request): Promise<PublicTestResultDto> {
    return this.test.submit(slug, body, req.ip ?? null);
  }
}

@ApiTags('public test')
@Controller('intake-requests')
export class IntakeRequestsController {
  constructor(private readonly intake: IntakeRequestsService) {}

  @ApiAnswer(intakeRequestDtoSchema, { list: true })
  @Get()
  @Permission('intake-requests', 'list')
  @ApiOperation({ summary: 'Intake requests sent by the public relationship test' })
  @ApiListQuery(INTAKE_REQUEST_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<IntakeRequestDto>> {
    return this.intake.list(actor, parseListQuery(INTAKE_REQUEST_LIST, query));
  }

  @ApiAnswer(intakeRequestDtoSchema)
  @Get(':id')
  @Permission('intake-requests', 'read')
  @ApiOperation({ summary: 'One intake request' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<IntakeRequestDto> {
    return this.intake.get(actor, id);
  }

  @ApiAnswer(intakeRequestDtoSchema)
  @Post(':id/accept')
  @Permission('intake-requests', 'update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Opens a client and an individual case with the chosen practitioner' })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: intakeAcceptSchema }) body: IntakeAccept): Promise<IntakeRequestDto> {
    return this.intake.accept(actor, id, body);
  }

  @ApiAnswer(intakeRequestDtoSchema)
  @Post(':id/decline')
  @Permission('intake-requests', 'update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declines an intake request' })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<IntakeRequestDto> {
    return this.intake.decline(actor, id);
  }
}

@ApiTags('practice')
@Controller('practice')
export class PracticeSettingsController {
  constructor(private readonly settings: PracticeSettingsService) {}

  @ApiAnswer(practiceSettingsDtoSchema)
  @Get()
  @Permission('practice', 'read')
  @ApiOperation({ summary: 'The practice\'s settings: name, public address, public test on or off, the clients\' overdue notice (on or off, days after the due date)' })
  get(@CurrentActor() actor: Actor): Promise<PracticeSettingsDto> {
    return this.settings.get(actor);
  }

  @ApiAnswer(practiceSettingsDtoSchema)
  @Put()
  @Permission('practice', 'update')
  @ApiOperation({ summary: 'Sets the practice\'s name, public slug, whether its public test page is on, and the overdue notice (overdueNoticeEnabled, overdueNoticeAfterDays 0-14)' })
  update(@CurrentActor() actor: Actor, @Body({ schema: practiceSettingsInputSchema }) body: PracticeSettingsInput): Promise<PracticeSettingsDto> {
    return this.settings.update(actor, body);
  }
}
