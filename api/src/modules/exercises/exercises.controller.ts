import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCsvExport } from '../exports/api-csv-export.decorator.js';
import { CsvExportService } from '../exports/csv-export.service.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ExerciseDto } from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { customExerciseWriteSchema, EXERCISE_LIST, type CustomExerciseWrite } from './exercises.dto.js';
import { ExercisesService } from './exercises.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { exerciseDtoSchema } from '@attune/domain';

@ApiTags('exercises')
@Controller('exercises')
export class ExercisesController {
  constructor(private readonly exercises: ExercisesService, private readonly csv: CsvExportService) {}

  @ApiAnswer(exerciseDtoSchema, { list: true })
  @Get()
  @Permission('exercises', 'list')
  @ApiOperation({ summary: 'The library: the built-in exercises and the practice\'s own, each with its response schema' })
  @ApiListQuery(EXERCISE_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<ExerciseDto>> {
    return this.exercises.list(actor, parseListQuery(EXERCISE_LIST, query));
  }

  @Get('export.csv')
  @Permission('exercises', 'list')
  @ApiCsvExport('Every exercise of the library list (its filter and sort) as CSV', EXERCISE_LIST)
  exportCsv(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.csv.send(res, actor, this.exercises.exportSource(actor), parseListQuery(EXERCISE_LIST, query));
  }

  @ApiAnswer(exerciseDtoSchema)
  @Get(':id')
  @ApiOperation({ summary: 'One exercise with its fields and the JSON Schema of a response' })
  @Permission('exercises', 'read')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ExerciseDto> {
    return this.exercises.get(actor, id);
  }

  @ApiAnswer(exerciseDtoSchema)
  @Post()
  @Permission('exercises', 'create')
  @ApiOperation({ summary: 'Adds a practitioner\'s own exercise; its key comes from the title, unique in the practice' })
  create(@CurrentActor() actor: Actor, @Body({ schema: customExerciseWriteSchema }) body: CustomExerciseWrite): Promise<ExerciseDto> {
    return this.exercises.create(actor, body);
  }

  @ApiAnswer(exerciseDtoSchema)
  @Put(':id')
  @Permission('exercises', 'update')
  @ApiOperation({ summary: 'Edits an own exercise (built-in: 409); fields and cadence are fixed once it is assigned' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: customExerciseWriteSchema }) body: CustomExerciseWrite): Promise<ExerciseDto> {
    return this.exercises.update(actor, id, body);
  }

  @ApiAnswer(exerciseDtoSchema)
  @Delete(':id')
  @Permission('exercises', 'delete')
  @ApiOperation({ summary: 'Deletes an own exercise nobody has been given (built-in or assigned: 409)' })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ExerciseDto> {
    return this.exercises.remove(actor, id);
  }
}
