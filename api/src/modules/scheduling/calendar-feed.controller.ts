import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiParam } from '@nestjs/swagger';
import { calendarFeedInputSchema, type CalendarFeedInput } from '@attune/domain';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Permission, Public } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { notFound } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { ApiAnswer, ApiFileAnswer, ApiNoContent } from '../../openapi/api-answer.decorator.js';
import { calendarFeedDtoSchema } from '@attune/domain';

const FEED_PATH = '/api/calendar-feeds/';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

@ApiTags('scheduling')
@Controller()
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @ApiAnswer(calendarFeedDtoSchema)
  @Post('me/calendar-feed')
  @Permission('scheduling', 'create')
  @ApiOperation({ summary: 'A private iCalendar feed URL of one\'s appointments (a new one revokes the old); shown once' })
  async create(@CurrentActor() actor: Actor, @Body({ schema: calendarFeedInputSchema }) body: CalendarFeedInput, @Req() req: Request): Promise<{ url: string }> {
    const { token } = await this.feeds.create(actor, body);
    // PUBLIC_URL is the address people reach the app at; the Host header is only a fallback (it is the client's to set)
    const base = this.config.publicUrlSet ? this.config.publicUrl : `${req.protocol}://${req.get('host')}`;
    return { url: `${base}${FEED_PATH}${token}.ics` };
  }

  @ApiNoContent('Revoked: no body')
  @Delete('me/calendar-feed')
  @HttpCode(204)
  @Permission('scheduling', 'delete')
  @ApiOperation({ summary: 'Revoke one\'s calendar feed: its URL answers 404 from now on' })
  revoke(@CurrentActor() actor: Actor): Promise<void> {
    return this.feeds.revoke(actor);
  }

  @ApiFileAnswer('text/calendar', 'The feed (RFC 5545)')
  @ApiParam({ name: 'file', description: 'The feed\'s secret token, with or without .ics', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+(\\.ics)?$' } })
  @Get('calendar-feeds/:file')
  @Public()
  @ApiOperation({ summary: 'The feed itself (text/calendar, RFC 5545), reached by its secret URL only' })
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const token = file.endsWith('.ics') ? file.slice(0, -4) : file;
    if (!TOKEN.test(token)) throw notFound('Calendar feed');
    const text = await this.feeds.render(token);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.send(text);
  }
}
