import { Module } from '@nestjs/common';
import { CaseMeasuresController, MeasureResponsesController, MeasureSchedulesController, MeasuresController } from './measures.controller.js';
import { MeasureNotifications } from './measure-notifications.js';
import { MeasureReminders } from './measure-reminders.js';
import { MeasureResponder } from './measure-responder.service.js';
import { MeasuresService } from './measures.service.js';
import { MyMeasuresController } from './my-measures.controller.js';
import { MyMeasuresService } from './my-measures.service.js';

/** Measurement-based care: definitions, schedules, responses scored on the server, the portal's questionnaires. */
@Module({
  controllers: [MeasuresController, MeasureSchedulesController, MeasureResponsesController, CaseMeasuresController, MyMeasuresController],
  providers: [MeasuresService, MyMeasuresService, MeasureResponder, MeasureNotifications, MeasureReminders],
  exports: [MeasureNotifications],
})
export class MeasuresModule {}
