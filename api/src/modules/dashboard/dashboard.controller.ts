import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DashboardDto } from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import type { Actor } from '../../common/request-context.js';
import { ApiTimeZoneQuery, parseTimeZone } from '../cases/time-zone.js';
import { DashboardService } from './dashboard.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { dashboardDtoSchema } from '@attune/domain';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @ApiAnswer(dashboardDtoSchema)
  @Get()
  @Permission('dashboard', 'read')
  @ApiOperation({
    summary: 'The caller\'s caseload at a glance (admins: the practice)',
    description: 'Open cases by stage, review queue, overdue homework, alerts, stage overruns, unsigned past sessions, '
      + 'this ISO week\'s sessions and the mean change on the scale since intake. Lists hold at most 50 items; `totals` has the counts.',
  })
  @ApiTimeZoneQuery('IANA time zone the week is counted in; default UTC')
  get(@CurrentActor() actor: Actor, @Query('timeZone') timeZone?: string): Promise<DashboardDto> {
    return this.dashboard.get(actor, parseTimeZone(timeZone));
  }
}
