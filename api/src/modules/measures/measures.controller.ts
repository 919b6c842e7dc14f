import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiParam } from '@nestjs/swagger';
import {
  measureResponseInputSchema, measureScheduleInputSchema, measureToFhirQuestionnaire, builtInMeasure,
  type CaseMeasuresDto, type MeasureDefinitionDto, type MeasureResponseDto, type MeasureResponseInput,
  type MeasureScheduleDto, type MeasureScheduleInput,
} from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { notFound } from '../../common/api-errors.js';
import { ListPage, parseListQuery, type ListSpec } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import {
  allMeasureDefinitions, measureDefinitionDto, MEASURE_RESPONSE_LIST, MEASURE_SCHEDULE_LIST, measureScheduleUpdateSchema, type MeasureScheduleUpdate,
} from './measures.dto.js';
import { MeasuresService } from './measures.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { caseMeasuresDtoSchema, fhirQuestionnaireSchema, measureDefinitionDtoSchema, measureResponseDtoSchema, measureScheduleDtoSchema } from '@attune/domain';

/** The built-in definitions are few and fixed: the list takes no filter and is always whole. */
const MEASURE_LIST: ListSpec = { resource: 'measures', idColumn: 'key', defaultSort: ['key', 'ASC'], sortable: {}, filterable: {} };

@ApiTags('measures')
@Controller('measures')
export class MeasuresController {
  @ApiAnswer(measureDefinitionDtoSchema, { list: true })
  @Get()
  @Permission('measures', 'list')
  @ApiOperation({ summary: 'The measure definitions (built-in, read-only): PHQ-9, GAD-7, WHO-5, communication profile' })
  @ApiListQuery(MEASURE_LIST)
  list(): ListPage<MeasureDefinitionDto> {
    const all = allMeasureDefinitions();
    return new ListPage('measures', all, all.length, [0, Math.max(0, all.length - 1)]);
  }

  @ApiAnswer(measureDefinitionDtoSchema)
  @ApiParam({ name: 'key', description: 'The measure\'s key', schema: { type: 'string', pattern: '^[a-z0-9-]+$' } })
  @Get(':key')
  @Permission('measures', 'read')
  @ApiOperation({ summary: 'One definition by key (phq-9, gad-7, who-5, communication-profile)' })
  get(@Param('key') key: string): MeasureDefinitionDto {
    const def = measureDefinitionDto(key);
    if (!def) throw notFound('Measure');
    return def;
  }

  @ApiAnswer(fhirQuestionnaireSchema)
  @ApiParam({ name: 'key', description: 'The measure\'s key', schema: { type: 'string', pattern: '^[a-z0-9-]+$' } })
  @Get(':key/questionnaire')
  @Permission('measures', 'read')
  @ApiOperation({ summary: 'The definition as a FHIR R4 Questionnaire' })
  questionnaire(@Param('key') key: string): Record<string, unknown> {
    const def = builtInMeasure(key);
    if (!def) throw notFound('Measure');
    return measureToFhirQuestionnaire(def);
  }
}

@ApiTags('measures')
@Controller('measure-schedules')
export class MeasureSchedulesController {
  constructor(private readonly measures: MeasuresService) {}

  @ApiAnswer(measureScheduleDtoSchema, { list: true })
  @Get()
  @Permission('measure-schedules', 'list')
  @ApiOperation({ summary: 'Measure schedules of the cases the caller may see' })
  @ApiListQuery(MEASURE_SCHEDULE_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<MeasureScheduleDto>> {
    return this.measures.listSchedules(actor, parseListQuery(MEASURE_SCHEDULE_LIST, query));
  }

  @ApiAnswer(measureScheduleDtoSchema)
  @Get(':id')
  @Permission('measure-schedules', 'read')
  @ApiOperation({ summary: 'One measure schedule' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<MeasureScheduleDto> {
    return this.measures.getSchedule(actor, id);
  }

  @ApiAnswer(measureScheduleDtoSchema)
  @Post()
  @Permission('measure-schedules', 'create')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Gives a measure to a client of a case: once, every session or every N weeks; each occurrence open 4 days unless set' })
  create(@CurrentActor() actor: Actor, @Body({ schema: measureScheduleInputSchema }) body: MeasureScheduleInput, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<MeasureScheduleDto> {
    return this.measures.createSchedule(actor, body, idempotent);
  }

  @ApiAnswer(measureScheduleDtoSchema)
  @Put(':id')
  @Permission('measure-schedules', 'update')
  @ApiOperation({ summary: 'Stops or resumes a schedule (active) and sets how long occurrences stay open' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: measureScheduleUpdateSchema }) body: MeasureScheduleUpdate): Promise<MeasureScheduleDto> {
    return this.measures.updateSchedule(actor, id, body);
  }
}

@ApiTags('measures')
@Controller('measure-responses')
export class MeasureResponsesController {
  constructor(private readonly measures: MeasuresService) {}

  @ApiAnswer(measureResponseDtoSchema, { list: true })
  @Get()
  @Permission('measure-responses', 'list')
  @ApiOperation({ summary: 'Measure occurrences (pending, completed, expired) of the cases the caller may see' })
  @ApiListQuery(MEASURE_RESPONSE_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<MeasureResponseDto>> {
    return this.measures.listResponses(actor, parseListQuery(MEASURE_RESPONSE_LIST, query));
  }

  @ApiAnswer(measureResponseDtoSchema)
  @Get(':id')
  @Permission('measure-responses', 'read')
  @ApiOperation({ summary: 'One measure occurrence with its answers, score and band' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<MeasureResponseDto> {
    return this.measures.getResponse(actor, id);
  }

  @ApiAnswer(measureResponseDtoSchema)
  @Post()
  @Permission('measure-responses', 'create')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Enters answers a client gave in session; the server scores them (a score is never sent)' })
  create(@CurrentActor() actor: Actor, @Body({ schema: measureResponseInputSchema }) body: MeasureResponseInput, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<MeasureResponseDto> {
    return this.measures.enterResponse(actor, body, idempotent);
  }
}

@ApiTags('measures')
@Controller('cases')
export class CaseMeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @ApiAnswer(caseMeasuresDtoSchema)
  @Get(':id/measures')
  @Permission('cases', 'read')
  @ApiOperation({ summary: 'Each measure\'s series in the case per client, with bands, cut-off, reliable change, sessions and the couple profile' })
  caseMeasures(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CaseMeasuresDto> {
    return this.measures.caseMeasures(actor, id);
  }
}
