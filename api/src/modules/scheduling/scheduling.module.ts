import { Module } from '@nestjs/common';
import { AppointmentReminders } from './appointment-reminders.js';
import { CalendarFeedController } from './calendar-feed.controller.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { MySessionsController } from './my-sessions.controller.js';
import { MySessionsService } from './my-sessions.service.js';
import { SchedulingSettingsController } from './scheduling-settings.controller.js';
import { SchedulingSettingsService } from './scheduling-settings.service.js';

/**
 * Scheduling beside the sessions (which are the appointments): people's zones and working hours,
 * the practice's policy, the client's upcoming sessions and change requests, the iCalendar feed.
 */
@Module({
  controllers: [SchedulingSettingsController, MySessionsController, CalendarFeedController],
  providers: [SchedulingSettingsService, MySessionsService, CalendarFeedService, AppointmentReminders],
  exports: [AppointmentReminders],
})
export class SchedulingModule {}
