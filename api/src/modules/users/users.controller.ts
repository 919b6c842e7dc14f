import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCsvExport } from '../exports/api-csv-export.decorator.js';
import { CsvExportService } from '../exports/csv-export.service.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import {
  accountInterventionSchema,
  USER_LIST,
  userInviteSchema,
  type AccountIntervention,
  userUpdateSchema,
  type UserInvite,
  type UserUpdate,
} from './users.dto.js';
import { UsersService } from './users.service.js';
import type { InvitedUserDto, UserDto } from '@attune/domain';
import { ApiAnswer, ApiNoContent } from '../../openapi/api-answer.decorator.js';
import { invitedUserDtoSchema, userDtoSchema } from '@attune/domain';


@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService, private readonly csv: CsvExportService) {}

  @ApiAnswer(userDtoSchema, { list: true })
  @Get()
  @Permission('users', 'list')
  @ApiOperation({ summary: 'The practice\'s accounts (admins only)' })
  @ApiListQuery(USER_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<UserDto>> {
    return this.users.list(actor, parseListQuery(USER_LIST, query));
  }

  @Get('export.csv')
  @Permission('users', 'list')
  @ApiCsvExport('Every account of the list (its filter and sort) as CSV', USER_LIST)
  exportCsv(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.csv.send(res, actor, this.users.exportSource(actor), parseListQuery(USER_LIST, query));
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
  @ApiOperation({ summary: 'Creates an account; the person gets an invitation e-mail with a one-time link (72 h) to choose their password (a password in the body: 400)' })
  invite(@CurrentActor() actor: Actor, @Body({ schema: userInviteSchema }) body: UserInvite): Promise<UserDto> {
    return this.users.invite(actor, body);
  }

  @ApiAnswer(userDtoSchema)
  @Post(':id/invitation')
  @Permission('users', 'update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sends the invitation e-mail again with a new link (the earlier link stops working)' })
  resendInvitation(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.users.resendInvitation(actor, id);
  }

  @ApiAnswer(userDtoSchema)
  @Delete(':id/invitation')
  @Permission('users', 'update')
  @ApiOperation({ summary: 'Revokes the pending invitation: its link stops working' })
  revokeInvitation(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.users.revokeInvitation(actor, id);
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

  @ApiAnswer(userDtoSchema)
  @Post(':id/force-password-change')
  @Permission('users', 'update')
  @ApiOperation({ summary: 'Makes another account choose a new password at its next sign-in and signs it out everywhere; body {reason}, kept with the action and audited; the person is e-mailed' })
  @HttpCode(200)
  forcePasswordChange(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: accountInterventionSchema }) body: AccountIntervention): Promise<UserDto> {
    return this.users.forcePasswordChange(actor, id, body.reason);
  }
}
