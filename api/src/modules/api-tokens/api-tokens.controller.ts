import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { apiTokenCreateBodySchema, apiTokenDtoSchema, createdApiTokenDtoSchema, type ApiTokenDto, type CreatedApiTokenDto } from '@attune/domain';
import { z } from 'zod';
import { SignedIn } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { ApiTokensService } from './api-tokens.service.js';

/**
 * The caller's own personal API tokens. Managed with the session only: a request made with a token
 * cannot list, create or revoke tokens (AuthGuard answers 403 TOKEN_SCOPE).
 */
@ApiTags('api-tokens')
@Controller('me/api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @ApiAnswer(z.array(apiTokenDtoSchema), { description: 'The caller\'s tokens, newest first, revoked ones too' })
  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The caller\'s personal API tokens with their scopes, expiry and last use (never the secret)' })
  list(@CurrentActor() actor: Actor): Promise<ApiTokenDto[]> {
    return this.tokens.list(actor);
  }

  @ApiAnswer(createdApiTokenDtoSchema, { description: 'The token, with its secret shown this once' })
  @Post()
  @SignedIn()
  @ApiOperation({
    summary: 'Create a personal API token: a name, scopes among those the caller\'s role has, an expiry within 366 days',
    description: 'The answer\'s `token` is shown once and stored only as a hash. Send it as `Authorization: Bearer <token>`.',
  })
  create(@CurrentActor() actor: Actor, @Body({ schema: apiTokenCreateBodySchema }) body: z.infer<typeof apiTokenCreateBodySchema>): Promise<CreatedApiTokenDto> {
    return this.tokens.create(actor, body);
  }

  @ApiAnswer(apiTokenDtoSchema, { description: 'The token as it now is: revoked' })
  @Delete(':id')
  @SignedIn()
  @ApiOperation({ summary: 'Revoke one of the caller\'s tokens: it stops working at once' })
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ApiTokenDto> {
    return this.tokens.revoke(actor, id);
  }
}
