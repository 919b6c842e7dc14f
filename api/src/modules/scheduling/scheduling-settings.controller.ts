import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { schedulingPolicySchema, schedulingProfileInputSchema, type SchedulingPolicy, type SchedulingProfileDto, type SchedulingProfileInput } from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { forbidden } from './scheduling-errors.js';
import { SchedulingSettingsService } from './scheduling-settings.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { schedulingPolicyDtoSchema, schedulingProfileDtoSchema } from '@attune/domain';

@ApiTags('scheduling')
@Controller()
export class SchedulingSettingsController {
  constructor(private readonly settings: SchedulingSettingsService) {}

  @ApiAnswer(schedulingProfileDtoSchema)
  @Get('scheduling-profiles/:userId')
  @Permission('scheduling', 'read')
  @ApiOperation({ summary: 'A person\'s time zone and working hours (one\'s own; admins: anyone in the practice)' })
  profile(@CurrentActor() actor: Actor, @Param('userId', ParseIdPipe) userId: string): Promise<SchedulingProfileDto> {
    return this.settings.profile(actor, userId);
  }

  @ApiAnswer(schedulingProfileDtoSchema)
  @Put('scheduling-profiles/:userId')
  @Permission('scheduling', 'update')
  @ApiOperation({ summary: 'Set a time zone and working hours (wall-clock intervals per weekday in that zone; null: no limits)' })
  setProfile(@CurrentActor() actor: Actor, @Param('userId', ParseIdPipe) userId: string, @Body({ schema: schedulingProfileInputSchema }) body: SchedulingProfileInput): Promise<SchedulingProfileDto> {
    return this.settings.setProfile(actor, userId, body);
  }

  @ApiAnswer(schedulingPolicyDtoSchema)
  @Get('scheduling-policy')
  @Permission('scheduling', 'read')
  @ApiOperation({ summary: 'The practice\'s zone, the notice a client gives to cancel or reschedule, and reminder hours' })
  policy(@CurrentActor() actor: Actor): Promise<SchedulingPolicy> {
    return this.settings.policy(actor);
  }

  @ApiAnswer(schedulingPolicyDtoSchema)
  @Put('scheduling-policy')
  @Permission('scheduling', 'update')
  @ApiOperation({ summary: 'Change the practice\'s scheduling policy (admins)' })
  setPolicy(@CurrentActor() actor: Actor, @Body({ schema: schedulingPolicySchema }) body: SchedulingPolicy): Promise<SchedulingPolicy> {
    if (actor.role !== 'admin') throw forbidden('Only an admin changes the practice\'s scheduling policy');
    return this.settings.setPolicy(actor, body);
  }
}
