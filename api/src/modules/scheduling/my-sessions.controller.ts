import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { changeRequestInputSchema, type ChangeRequestDto, type ChangeRequestInput, type MyChangeRequestDto, type MySessionDto } from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { ApiTimeZoneQuery, parseTimeZone } from '../cases/time-zone.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import { MySessionsService } from './my-sessions.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { changeRequestDtoSchema, myChangeRequestDtoSchema, mySessionDtoSchema } from '@attune/domain';
import { z } from 'zod';

const TIME_ZONE_QUERY = 'IANA zone to show the times in; default: the client\'s own zone, else the practice\'s';

/** The zone a portal page asked for (its browser's), checked; none: the client's own. */
function requestedZone(timeZone: string | undefined): string | undefined {
  return timeZone === undefined || timeZone === '' ? undefined : parseTimeZone(timeZone);
}

@ApiTags('client portal')
@Controller('me/sessions')
export class MySessionsController {
  constructor(private readonly sessions: MySessionsService) {}

  @ApiAnswer(z.array(mySessionDtoSchema), { description: 'The upcoming ones, soonest first' })
  @Get()
  @Permission('me', 'list')
  @ApiTimeZoneQuery(TIME_ZONE_QUERY)
  @ApiOperation({ summary: 'The caller\'s upcoming sessions: time in their zone (and the practitioner\'s when it differs), format, location or video link' })
  list(@CurrentActor() actor: Actor, @Query('timeZone') timeZone?: string): Promise<MySessionDto[]> {
    return this.sessions.upcoming(actor, requestedZone(timeZone));
  }

  @ApiAnswer(z.array(myChangeRequestDtoSchema), { description: 'The last 60 days\' requests, newest first' })
  @Get('change-requests')
  @Permission('me', 'list')
  @ApiTimeZoneQuery(TIME_ZONE_QUERY)
  @ApiOperation({ summary: 'The caller\'s requests to cancel or reschedule and their answers: open, accepted (cancelled or moved), declined with the reason' })
  changeRequests(@CurrentActor() actor: Actor, @Query('timeZone') timeZone?: string): Promise<MyChangeRequestDto[]> {
    return this.sessions.changeRequests(actor, requestedZone(timeZone));
  }

  @ApiAnswer(changeRequestDtoSchema)
  @Post(':id/change-requests')
  @Permission('me', 'create')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Ask to cancel or reschedule an upcoming session; outside the practice\'s notice: 409 OUTSIDE_CHANGE_POLICY' })
  requestChange(
    @CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string,
    @Body({ schema: changeRequestInputSchema }) body: ChangeRequestInput, @Idempotent() idempotent: IdempotentRequest | undefined,
  ): Promise<ChangeRequestDto> {
    return this.sessions.requestChange(actor, id, body, idempotent);
  }
}
