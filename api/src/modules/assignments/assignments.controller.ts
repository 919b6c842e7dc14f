import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { ASSIGNMENT_LIST, assignmentCreateSchema, assignmentReviewSchema, assignmentUpdateSchema, type AssignmentCreate, type AssignmentReview, type AssignmentUpdate } from './assignments.dto.js';
import { AssignmentsService } from './assignments.service.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import { correctionInputSchema, type AssignmentDto, type CorrectionInput } from '@attune/domain';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { assignmentDtoSchema } from '@attune/domain';

@ApiTags('assignments')
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @ApiAnswer(assignmentDtoSchema, { list: true })
  @Get()
  @Permission('assignments', 'list')
  @ApiOperation({ summary: 'Homework in the caller\'s cases (admins: the practice); overdue is derived' })
  @ApiListQuery(ASSIGNMENT_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<AssignmentDto>> {
    return this.assignments.list(actor, parseListQuery(ASSIGNMENT_LIST, query));
  }

  @ApiAnswer(assignmentDtoSchema)
  @Get(':id')
  @Permission('assignments', 'read')
  @ApiOperation({ summary: 'One assignment with its exercise\'s fields and the submitted response (never the draft)' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<AssignmentDto> {
    return this.assignments.get(actor, id);
  }

  @ApiAnswer(assignmentDtoSchema)
  @Post()
  @Permission('assignments', 'create')
  @ApiOperation({ summary: 'Gives an exercise to a client of an open case' })
  @ApiIdempotencyKey()
  create(@CurrentActor() actor: Actor, @Body({ schema: assignmentCreateSchema }) body: AssignmentCreate, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<AssignmentDto> {
    return this.assignments.create(actor, body, idempotent);
  }

  @ApiAnswer(assignmentDtoSchema)
  @Put(':id')
  @Permission('assignments', 'update')
  @ApiOperation({
    summary: 'Changes the due date and note until the client submits (then 409), with a reason',
    description: 'The `reason` (3-500 characters) is kept with the case (GET /api/cases/:id/corrections) as a re-dating when the due time changes, never in the audit trail.',
  })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: assignmentUpdateSchema }) body: AssignmentUpdate): Promise<AssignmentDto> {
    return this.assignments.update(actor, id, body);
  }

  @ApiAnswer(assignmentDtoSchema)
  @Delete(':id')
  @Permission('assignments', 'delete')
  @ApiOperation({
    summary: 'Withdraws homework not yet submitted (then 409) with a reason; answers the removed record',
    description: 'The JSON body holds the `reason` (3-500 characters), kept with the case (GET /api/cases/:id/corrections); never in the URL.',
  })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: correctionInputSchema }) body: CorrectionInput): Promise<AssignmentDto> {
    return this.assignments.remove(actor, id, body);
  }

  @ApiAnswer(assignmentDtoSchema)
  @Post(':id/review')
  @HttpCode(200)
  @Permission('assignments', 'update')
  @ApiOperation({ summary: 'Reviews a submitted assignment with feedback (submitted → reviewed; otherwise 409)' })
  review(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: assignmentReviewSchema }) body: AssignmentReview): Promise<AssignmentDto> {
    return this.assignments.review(actor, id, body);
  }
}
