import { Global, Module } from '@nestjs/common';
import { MailTransport } from './mail-transport.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { OutboxDelivery } from './outbox-delivery.js';
import { HomeworkReminders } from './homework-reminders.js';

/**
 * Messages to people: in-app notifications, the e-mail outbox and its delivery on the job queue,
 * reminders and digests. Global: any module calls `NotificationsService.notify(manager, …)`.
 */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [MailTransport, NotificationsService, OutboxDelivery, HomeworkReminders],
  exports: [NotificationsService, OutboxDelivery, HomeworkReminders],
})
export class NotificationsModule {}
