import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCsvExport } from '../exports/api-csv-export.decorator.js';
import { CsvExportService } from '../exports/csv-export.service.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  addendumInputSchema,
  appointmentMoveSchema,
  appointmentStatusChangeSchema,
  changeRequestDecisionSchema,
  enumSchema,
  SERIES_SCOPES,
  type AddendumInput,
  type AppointmentMove,
  type AppointmentStatusChange,
  type ChangeRequestDecisionInput,
  type SeriesScope,
} from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { SESSION_LIST, sessionCreateSchema, sessionSignSchema, sessionUpdateSchema, type SessionCreate, type SessionSign, type SessionUpdate } from './sessions.dto.js';
import { SessionsService } from './sessions.service.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import type { SessionDto } from '@attune/domain';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { sessionDtoSchema } from '@attune/domain';

const statusChangeSchema = appointmentStatusChangeSchema.safeExtend({ scope: enumSchema(SERIES_SCOPES).default('this') });

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService, private readonly csv: CsvExportService) {}

  @ApiAnswer(sessionDtoSchema, { list: true })
  @Get()
  @Permission('sessions', 'list')
  @ApiOperation({ summary: 'Sessions of the caller\'s cases (admins: the practice), with notes, signatures and addenda' })
  @ApiListQuery(SESSION_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<SessionDto>> {
    return this.sessions.list(actor, parseListQuery(SESSION_LIST, query));
  }

  @Get('export.csv')
  @Permission('sessions', 'list')
  @ApiCsvExport('Every session of the list (its filter and sort) as CSV, without the text of the notes', SESSION_LIST)
  exportCsv(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.csv.send(res, actor, this.sessions.exportSource(actor), parseListQuery(SESSION_LIST, query));
  }

  @ApiAnswer(sessionDtoSchema)
  @Get(':id')
  @Permission('sessions', 'read')
  @ApiOperation({ summary: 'One session with its note, signature, integrity check and addenda' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<SessionDto> {
    return this.sessions.get(actor, id);
  }

  @ApiAnswer(sessionDtoSchema)
  @Post()
  @Permission('sessions', 'create')
  @ApiOperation({
    summary: 'Book an appointment (or a weekly/fortnightly series), or record a past session; attendees must be clients of the case',
    description: 'Time as `startsAt` (ISO with zone) or `localStartsAt` + `timeZone` (default: the practitioner\'s zone); length as '
      + '`durationMinutes` or `endsAt`. A clash: 409 SCHEDULE_CONFLICT; outside working hours: 409 OUTSIDE_WORKING_HOURS.',
  })
  @ApiIdempotencyKey()
  create(@CurrentActor() actor: Actor, @Body({ schema: sessionCreateSchema }) body: SessionCreate, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<SessionDto> {
    return this.sessions.create(actor, body, idempotent);
  }

  @ApiAnswer(sessionDtoSchema)
  @Put(':id')
  @Permission('sessions', 'update')
  @ApiOperation({
    summary: 'Change an unsigned session (409 NOTE_SIGNED once signed)',
    description: 'Send `version` as GET returned it: if the session changed since, the answer is 409 VERSION_CONFLICT. The case cannot change.',
  })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: sessionUpdateSchema }) body: SessionUpdate): Promise<SessionDto> {
    return this.sessions.update(actor, id, body);
  }

  @ApiAnswer(sessionDtoSchema)
  @Post(':id/move')
  @HttpCode(200)
  @Permission('sessions', 'update')
  @ApiOperation({
    summary: 'Move or resize an appointment (drag, resize or the form); scope `following` moves the rest of its series alike',
    description: '`version` as GET returned it; if someone moved it since: 409 VERSION_CONFLICT naming the time it has now. '
      + 'A clash: 409 SCHEDULE_CONFLICT naming the other appointment (send conflictOverrideReason to book anyway). '
      + 'Outside working hours: 409 OUTSIDE_WORKING_HOURS (send outsideWorkingHours: true once confirmed).',
  })
  move(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: appointmentMoveSchema }) body: AppointmentMove): Promise<SessionDto> {
    return this.sessions.move(actor, id, body);
  }

  @ApiAnswer(sessionDtoSchema)
  @Post(':id/status')
  @HttpCode(200)
  @Permission('sessions', 'update')
  @ApiOperation({
    summary: 'Mark an appointment held, missed (no_show), cancelled (who, why; late under the practice\'s notice) or scheduled again',
    description: 'A signed note fixes the state (409 NOTE_SIGNED). Cancelling with scope `following` cancels the rest of the series too.',
  })
  changeStatus(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: statusChangeSchema }) body: AppointmentStatusChange & { scope: SeriesScope }): Promise<SessionDto> {
    return this.sessions.changeStatus(actor, id, body);
  }

  @ApiAnswer(sessionDtoSchema)
  @Post(':id/change-requests/:requestId/decision')
  @HttpCode(200)
  @Permission('sessions', 'update')
  @ApiOperation({
    summary: 'Answer a client\'s request to cancel or reschedule: accept (cancel, or move to the time given) or decline with a reason',
    description: 'The client is told in the portal and by e-mail (times only; the reason is shown in the portal, never mailed). An answered request: 409.',
  })
  decideChangeRequest(
    @CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('requestId', ParseIdPipe) requestId: string,
    @Body({ schema: changeRequestDecisionSchema }) body: ChangeRequestDecisionInput,
  ): Promise<SessionDto> {
    return this.sessions.decideChangeRequest(actor, id, requestId, body);
  }

  @ApiAnswer(sessionDtoSchema)
  @Delete(':id')
  @Permission('sessions', 'delete')
  @ApiOperation({ summary: 'Delete a session whose note is not signed (409 NOTE_SIGNED otherwise)' })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<SessionDto> {
    return this.sessions.remove(actor, id);
  }

  @ApiAnswer(sessionDtoSchema)
  @Post(':id/sign')
  @HttpCode(200)
  @Permission('sessions', 'update')
  @ApiOperation({ summary: 'Sign the note: it is locked from then on, with the SHA-256 of its canonical text stored' })
  sign(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: sessionSignSchema }) body: SessionSign): Promise<SessionDto> {
    return this.sessions.sign(actor, id, body);
  }

  @ApiAnswer(sessionDtoSchema)
  @Post(':id/addenda')
  @Permission('sessions', 'update')
  @ApiOperation({ summary: 'Add an addendum to a signed note (409 while the note is unsigned)' })
  addAddendum(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: addendumInputSchema }) body: AddendumInput): Promise<SessionDto> {
    return this.sessions.addAddendum(actor, id, body);
  }
}
