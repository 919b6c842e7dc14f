import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { ApiIdempotencyKey } from '../idempotency/idempotency-key.decorator.js';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from '../idempotency/idempotency.service.js';
import {
  assignmentAnswerSchema,
  checkInInputSchema,
  MY_ASSIGNMENT_LIST,
  myExceptionInputSchema,
  myScaleScoreInputSchema,
  type AssignmentAnswer,
  type CheckInInput,
  type MyExceptionDto,
  type MyExceptionInput,
  type MyScaleScoreDto,
  type MyScaleScoreInput,
  type PartnerAnswerDto,
  type PortalAssignmentDetailDto,
  type PortalAssignmentSummaryDto,
  type PortalProgressDto,
} from './me.dto.js';
import { MyAssignmentsService } from './my-assignments.service.js';
import { MyRecordsService } from './my-records.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { myExceptionDtoSchema, myScaleScoreDtoSchema, partnerAnswerDtoSchema, portalAssignmentDetailDtoSchema, portalAssignmentSummaryDtoSchema, portalProgressDtoSchema } from '@attune/domain';
import { z } from 'zod';

/** The client portal: everything is the caller's own. Staff have no `me` permission (403). */
@ApiTags('client portal')
@Controller('me')
export class MeController {
  constructor(private readonly assignments: MyAssignmentsService, private readonly records: MyRecordsService) {}

  @ApiAnswer(portalAssignmentSummaryDtoSchema, { list: true })
  @Get('assignments')
  @Permission('me', 'list')
  @ApiOperation({ summary: 'The caller\'s own homework (filter: status, overdue, caseId; sort: dueAt, assignedAt, status, submittedAt, reviewedAt)' })
  @ApiListQuery(MY_ASSIGNMENT_LIST)
  listAssignments(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<PortalAssignmentSummaryDto>> {
    return this.assignments.list(actor, parseListQuery(MY_ASSIGNMENT_LIST, query));
  }

  @ApiAnswer(portalAssignmentDetailDtoSchema)
  @Get('assignments/:id')
  @Permission('me', 'read')
  @ApiOperation({ summary: 'One of the caller\'s assignments with its exercise, response schema, draft, feedback and check-in calendar' })
  getAssignment(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<PortalAssignmentDetailDto> {
    return this.assignments.get(actor, id);
  }

  @ApiAnswer(portalAssignmentDetailDtoSchema)
  @Put('assignments/:id/draft')
  @Permission('me', 'update')
  @ApiOperation({ summary: 'Saves a draft (partial answers allowed); not after the homework was sent (409)' })
  saveDraft(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: assignmentAnswerSchema }) body: AssignmentAnswer): Promise<PortalAssignmentDetailDto> {
    return this.assignments.saveDraft(actor, id, body);
  }

  @ApiAnswer(portalAssignmentDetailDtoSchema)
  @Post('assignments/:id/submit')
  @Permission('me', 'update')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Sends the answers, checked against the exercise\'s fields (400 names each bad field)' })
  async submit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body({ schema: assignmentAnswerSchema }) body: AssignmentAnswer,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const answer = await this.assignments.submit(actor, id, body, parseIdempotencyKey(idempotencyKey));
    res.status(answer.statusCode);
    return answer.body;
  }

  @ApiAnswer(portalAssignmentDetailDtoSchema)
  @Post('assignments/:id/check-ins')
  @Permission('me', 'create')
  @ApiOperation({ summary: 'A daily or weekly check-in ({periodStart?, response: {note}}); one per period (409 for a second)' })
  addCheckIn(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: checkInInputSchema }) body: CheckInInput): Promise<PortalAssignmentDetailDto> {
    return this.assignments.addCheckIn(actor, id, body);
  }

  @ApiAnswer(z.array(myExceptionDtoSchema), { description: 'All of them, newest first' })
  @Get('exceptions')
  @Permission('me', 'list')
  @ApiOperation({ summary: 'The good moments the caller logged themselves, newest first (at most 500)' })
  myExceptions(@CurrentActor() actor: Actor): Promise<MyExceptionDto[]> {
    return this.records.myExceptions(actor);
  }

  @ApiAnswer(myExceptionDtoSchema)
  @Post('exceptions')
  @Permission('me', 'create')
  @ApiOperation({ summary: 'Logs a good moment (an exception) in the caller\'s own open case' })
  addException(@CurrentActor() actor: Actor, @Body({ schema: myExceptionInputSchema }) body: MyExceptionInput): Promise<MyExceptionDto> {
    return this.records.addException(actor, body);
  }

  @ApiAnswer(myScaleScoreDtoSchema)
  @Post('scale-scores')
  @Permission('me', 'create')
  @ApiOperation({ summary: 'A self-rating on the 1-10 scale in the caller\'s own open case' })
  addScaleScore(@CurrentActor() actor: Actor, @Body({ schema: myScaleScoreInputSchema }) body: MyScaleScoreInput): Promise<MyScaleScoreDto> {
    return this.records.addScaleScore(actor, body);
  }

  @ApiAnswer(portalProgressDtoSchema)
  @Get('progress')
  @Permission('me', 'read')
  @ApiOperation({ summary: 'The caller\'s own score series per case and the feedback on their reviewed homework' })
  progress(@CurrentActor() actor: Actor): Promise<PortalProgressDto> {
    return this.records.progress(actor);
  }

  @ApiAnswer(z.array(partnerAnswerDtoSchema), { description: 'All of them, oldest first' })
  @Get('partner-answers')
  @Permission('me', 'list')
  @ApiOperation({ summary: 'In a couple case: the answers the partner chose to share, once sent' })
  partnerAnswers(@CurrentActor() actor: Actor): Promise<PartnerAnswerDto[]> {
    return this.records.partnerAnswers(actor);
  }
}
