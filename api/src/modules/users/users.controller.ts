import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { accountInterventionSchema, USER_LIST, userInviteSchema, type AccountIntervention, userUpdateSchema, type UserInvite, type UserUpdate } from './users.dto.js';
import { UsersService } from './users.service.js';
import type { InvitedUserDto, UserDto } from '@attune/domain';
import { ApiAnswer, ApiNoContent } from '../../openapi/api-answer.decorator.js';
import { invitedUserDtoSchema, userDtoSchema } from '@attune/domain';


@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiAnswer(userDtoSchema, { list: true })
  @Get()
  @Permission('users', 'list')
  @ApiOperation({ summary: 'The practice\'s accounts (admins only)' })
  @ApiListQuery(USER_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<UserDto>> {
    return this.users.list(actor, parseListQuery(USER_LIST, query));
  }

  @ApiAnswer(userDtoSchema)
  @Get(':id')
  @ApiOperation({ summary: 'One account of the practice (admins only)' })
  @Permission('users', 'read')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  @ApiAnswer(invitedUserDtoSchema)
  @Post()
  @Permission('users', 'create')
  @ApiOperation({ summary: 'Invites a person; without a password the answer carries a temporary one, shown only this once' })
  invite(@CurrentActor() actor: Actor, @Body({ schema: userInviteSchema }) body: UserInvite): Promise<InvitedUserDto> {
    return this.users.invite(actor, body);
  }

  @ApiAnswer(userDtoSchema)
  @Put(':id')
  @Permission('users', 'update')
  @ApiOperation({ summary: 'Changes name, role and active; deactivating signs the person out everywhere' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: userUpdateSchema }) body: UserUpdate): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }

  @ApiNoContent('Done: no body')
  @Post(':id/unlock')
  @Permission('users', 'update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Clears the account\'s failed sign-ins, so the right password works at once; body {reason}, kept with the action and audited' })
  async unlock(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: accountInterventionSchema }) body: AccountIntervention): Promise<void> {
    await this.users.unlock(actor, id, body.reason);
  }

  @ApiAnswer(userDtoSchema)
  @Post(':id/reset-two-step')
  @Permission('users', 'update')
  @ApiOperation({ summary: 'Turns another account\'s two-step sign-in off (lost phone) and signs it out everywhere; body {reason}, kept with the action and audited' })
  @HttpCode(200)
  resetTwoStep(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: accountInterventionSchema }) body: AccountIntervention): Promise<UserDto> {
    return this.users.resetTwoStep(actor, id, body.reason);
  }
}
