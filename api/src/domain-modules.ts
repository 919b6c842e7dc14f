import { AssignmentsModule } from './modules/assignments/assignments.module.js';
import { AuditEventsModule } from './modules/audit/audit-events.module.js';
import { CasesModule } from './modules/cases/cases.module.js';
import { ClientsModule } from './modules/clients/clients.module.js';
import { DashboardModule } from './modules/dashboard/dashboard.module.js';
import { ExceptionsModule } from './modules/exceptions/exceptions.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { ExercisesModule } from './modules/exercises/exercises.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { MeasuresModule } from './modules/measures/measures.module.js';
import { MeModule } from './modules/me/me.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { SchedulingModule } from './modules/scheduling/scheduling.module.js';
import { PublicTestModule } from './modules/public-test/public-test.module.js';
import { RecordsModule } from './modules/records/records.module.js';
import { ScaleScoresModule } from './modules/scale-scores/scale-scores.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { UsersModule } from './modules/users/users.module.js';

/** The domain modules, one folder each under modules/. */
export const DOMAIN_MODULES = [
  ClientsModule, CasesModule, SessionsModule, ScaleScoresModule, ExceptionsModule, ExercisesModule,
  AssignmentsModule, UsersModule, AuditEventsModule, DashboardModule, MeModule, JobsModule,
  ExportsModule,
  NotificationsModule,
  SchedulingModule,
  MeasuresModule, PublicTestModule,
  RecordsModule,
];
