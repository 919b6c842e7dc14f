import type { Role } from '@attune/domain';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { ACCOUNT_PATH } from './account/account-api';
import { createAuthProvider } from './auth/auth-provider';
import { SignInPage } from './auth/sign-in.page';
import { createDataProvider } from './data/data-provider';
import { i18nProvider } from './i18n/i18n-provider';
import { AttuneLayout } from './layout/attune-layout';
import { attuneTheme } from './layout/theme';
import { lazyNamed } from './shared/lazy-named';
import { ACTIVATE_PATH, ActivatePage, FORGOT_PASSWORD_PATH, ForgotPasswordPage, RESET_PASSWORD_PATH, ResetPasswordPage } from './notifications/password-pages';

const OUTBOX_PATH = '/outbox';
import { ERASURE_REQUESTS_PATH, ErasureRequestsPage } from './records-out/erasure-requests.page';
import { auditEventsResource } from './resources/audit-events/audit-events.resource';
import { casesResource } from './resources/cases/cases.resource';
import { clientsResource } from './resources/clients/clients.resource';
import { exercisesResource } from './resources/exercises/exercises.resource';
import { sessionsResource } from './resources/sessions/sessions.resource';
import { usersResource } from './resources/users/users.resource';

const dataProvider = createDataProvider();
const authProvider = createAuthProvider();
const Dashboard = lazyNamed(() => import('./dashboard/dashboard.page'), 'DashboardPage');
const AccountPage = lazyNamed(() => import('./account/account.page'), 'AccountPage');
const OutboxPage = lazyNamed(() => import('./notifications/outbox.page'), 'OutboxPage');
/** FullCalendar and the booking forms load with the first visit to the calendar, in a chunk of their own. */
const CalendarPage = lazyNamed(() => import('./calendar/calendar.page'), 'CalendarPage');
const IntakeRequestsPage = lazyNamed(() => import('./measures/intake-requests.page'), 'IntakeRequestsPage');

/** Records that live inside a case and have no pages of their own, registered for references. */
const CASE_RECORDS = ['assignments', 'exceptions', 'scale-scores'] as const;

/**
 * The resources a staff role may use, from the shared permission rules; a client gets none (the
 * portal has its own routes). The domain package loads here, after sign-in, not with the sign-in page.
 */
async function resourcesFor(role: Role | undefined) {
  if (!role || role === 'client') return [];
  const { can } = await import('@attune/domain');
  const pages = [casesResource, clientsResource, sessionsResource, exercisesResource, usersResource, auditEventsResource];
  return [
    ...pages
      .filter((resource) => can(role, resource.name, 'read') || can(role, resource.name, 'list'))
      .map((resource) => <Resource key={resource.name} {...resource} />),
    ...CASE_RECORDS.filter((name) => can(role, name, 'read')).map((name) => <Resource key={name} name={name} />),
  ];
}

export const App = () => (
  <Admin
    title="Attune"
    disableTelemetry
    requireAuth
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    loginPage={SignInPage}
    layout={AttuneLayout}
    dashboard={Dashboard}
    theme={attuneTheme}
  >
    <CustomRoutes>
      <Route path={ACCOUNT_PATH} element={<AccountPage />} />
      <Route path={OUTBOX_PATH} element={<OutboxPage />} />
      <Route path="/calendar" element={<CalendarPage />} />
      <Route path="/intake-requests" element={<IntakeRequestsPage />} />
      <Route path={ERASURE_REQUESTS_PATH} element={<ErasureRequestsPage />} />
    </CustomRoutes>
    <CustomRoutes noLayout>
      <Route path={ACTIVATE_PATH} element={<ActivatePage />} />
      <Route path={RESET_PASSWORD_PATH} element={<ResetPasswordPage />} />
      <Route path={FORGOT_PASSWORD_PATH} element={<ForgotPasswordPage />} />
    </CustomRoutes>
    {(role: Role | undefined) => resourcesFor(role)}
  </Admin>
);
