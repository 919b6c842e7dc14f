import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, SignedIn } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery, type ListSpec } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import type { MyNotificationsDto, NotificationDto, NotificationSettingsDto, OutboxMessageDto } from '@attune/domain';
import { notificationSettingsSchema, type NotificationSettingsWrite } from './notifications.dto.js';
import { NotificationsService } from './notifications.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { myNotificationsDtoSchema, notificationDtoSchema, notificationSettingsDtoSchema, outboxMessageDtoSchema } from '@attune/domain';

/** Newest first; only the page is chosen by the query. */
export const OUTBOX_LIST: ListSpec = {
  resource: 'outbox', idColumn: 'id', defaultSort: ['createdAt', 'DESC'], sortable: { createdAt: 'created_at' }, filterable: {},
};

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @ApiAnswer(myNotificationsDtoSchema)
  @Get('me/notifications')
  @SignedIn()
  @ApiOperation({ summary: 'The caller\'s in-app notifications (newest 50) and how many are unread' })
  mine(@CurrentActor() actor: Actor): Promise<MyNotificationsDto> {
    return this.notifications.myNotifications(actor);
  }

  @ApiAnswer(notificationDtoSchema)
  @Post('me/notifications/:id/read')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks one of the caller\'s notifications read' })
  markRead(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id);
  }

  @ApiAnswer(notificationSettingsDtoSchema)
  @Get('me/notification-settings')
  @SignedIn()
  @ApiOperation({ summary: 'The caller\'s language, time zone, quiet hours (held reminders and digests), e-mail per kind and digest' })
  settings(@CurrentActor() actor: Actor): Promise<NotificationSettingsDto> {
    return this.notifications.settings(actor);
  }

  @ApiAnswer(notificationSettingsDtoSchema)
  @Put('me/notification-settings')
  @SignedIn()
  @ApiOperation({ summary: 'Saves the caller\'s notification settings' })
  saveSettings(@CurrentActor() actor: Actor, @Body({ schema: notificationSettingsSchema }) body: NotificationSettingsWrite): Promise<NotificationSettingsDto> {
    return this.notifications.saveSettings(actor, body);
  }

  @ApiAnswer(outboxMessageDtoSchema, { list: true })
  @Get('outbox')
  @Permission('outbox', 'list')
  @ApiOperation({ summary: 'The practice\'s e-mails, newest first: to, subject, body, links, state, tries and the SMTP server\'s last answer (admins only)' })
  @ApiListQuery(OUTBOX_LIST)
  async outbox(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<OutboxMessageDto>> {
    const parsed = parseListQuery(OUTBOX_LIST, query);
    const page = await this.notifications.outbox(actor, parsed.range);
    return new ListPage('outbox', page.rows, page.total, parsed.range);
  }
}
