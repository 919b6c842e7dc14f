import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { correctionInputSchema, type CorrectionInput, type ScaleScoreDto, type StaffAnnotationInput } from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import {
  SCALE_SCORE_LIST,
  scaleScoreAnnotationSchema,
  scaleScoreCreateSchema,
  scaleScoreUpdateSchema,
  type ScaleScoreCreate,
  type ScaleScoreUpdate,
} from './scale-scores.dto.js';
import { ScaleScoresService } from './scale-scores.service.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { scaleScoreDtoSchema } from '@attune/domain';

@ApiTags('scale-scores')
@Controller('scale-scores')
export class ScaleScoresController {
  constructor(private readonly scores: ScaleScoresService) {}

  @ApiAnswer(scaleScoreDtoSchema, { list: true })
  @Get()
  @Permission('scale-scores', 'list')
  @ApiOperation({ summary: 'Ratings on the 1-10 scale in the caller\'s cases (admins: the practice)' })
  @ApiListQuery(SCALE_SCORE_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<ScaleScoreDto>> {
    return this.scores.list(actor, parseListQuery(SCALE_SCORE_LIST, query));
  }

  @ApiAnswer(scaleScoreDtoSchema)
  @Get(':id')
  @ApiOperation({ summary: 'One rating on the 1-10 scale' })
  @Permission('scale-scores', 'read')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ScaleScoreDto> {
    return this.scores.get(actor, id);
  }

  @ApiAnswer(scaleScoreDtoSchema)
  @Post()
  @Permission('scale-scores', 'create')
  @ApiOperation({ summary: 'Records a rating; the source is set by the server (staff: practitioner)' })
  @ApiIdempotencyKey()
  create(@CurrentActor() actor: Actor, @Body({ schema: scaleScoreCreateSchema }) body: ScaleScoreCreate, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<ScaleScoreDto> {
    return this.scores.create(actor, body, idempotent);
  }

  @ApiAnswer(scaleScoreDtoSchema)
  @Put(':id')
  @Permission('scale-scores', 'update')
  @ApiOperation({
    summary: 'Corrects the score and the two follow-ups of a rating staff entered, with a reason; other fields are ignored',
    description: 'The `reason` (3-500 characters) is kept with the case (GET /api/cases/:id/corrections), never in the audit trail. Send `version` as GET returned it: if the rating changed since, 409 VERSION_CONFLICT. A client\'s self-rating cannot be changed by staff: 409 CLIENT_AUTHORED (annotate or hide it instead).',
  })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: scaleScoreUpdateSchema }) body: ScaleScoreUpdate): Promise<ScaleScoreDto> {
    return this.scores.update(actor, id, body);
  }

  @ApiAnswer(scaleScoreDtoSchema)
  @Put(':id/annotation')
  @Permission('scale-scores', 'update')
  @ApiOperation({
    summary: 'Sets the staff note beside a rating and whether it is hidden from charts and alerts (hidden needs a reason)',
    description: 'The rating itself is untouched; works on a client\'s self-rating too. Send `version` as GET returned it (409 VERSION_CONFLICT otherwise).',
  })
  annotate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: scaleScoreAnnotationSchema }) body: StaffAnnotationInput): Promise<ScaleScoreDto> {
    return this.scores.annotate(actor, id, body);
  }

  /**
   * Taking back a rating entered in error is a correction of the record, so it needs the right to
   * update scale scores: libs grants practitioners no `delete` on clinical records, yet a practitioner
   * must be able to remove their own mistaken entry. The service allows it only for ratings the
   * practitioner entered themselves (403 otherwise); it is audited like every change.
   */
  @ApiAnswer(scaleScoreDtoSchema)
  @Delete(':id')
  @Permission('scale-scores', 'delete')
  @ApiOperation({
    summary: 'Removes a mistaken rating with a reason; answers the removed record',
    description: 'The JSON body holds the `reason` (3-500 characters), kept with the case (GET /api/cases/:id/corrections); never in the URL.',
  })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: correctionInputSchema }) body: CorrectionInput): Promise<ScaleScoreDto> {
    return this.scores.remove(actor, id, body);
  }
}
