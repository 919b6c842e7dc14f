import { Module } from '@nestjs/common';
import { IntakeRequestsService } from './intake-requests.service.js';
import { PracticeSettingsService } from './practice-settings.service.js';
import { IntakeRequestsController, PracticeSettingsController, PublicTestController } from './public-test.controller.js';
import { PublicTestService } from './public-test.service.js';

/** The practice's public relationship test, the intake requests it files, and the practice settings that switch it on. */
@Module({
  controllers: [PublicTestController, IntakeRequestsController, PracticeSettingsController],
  providers: [PublicTestService, IntakeRequestsService, PracticeSettingsService],
})
export class PublicTestModule {}
