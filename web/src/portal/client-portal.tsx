import { lazy, Suspense } from 'react';
import { Box, ThemeProvider, type Theme } from '@mui/material';
import { Route, Routes, useParams } from 'react-router-dom';
import { PortalNav } from './portal-nav';
import { LoadingBlock } from './portal-ui';
import { useMyCases } from './use-open-cases';

// Each page its own chunk: a client's phone opening the homework list loads that list, not the
// exercise form, the charts, the calendar or the questionnaires.
const MyHomeworkPage = lazy(() => import('./my-homework.page').then((m) => ({ default: m.MyHomeworkPage })));
const ExercisePage = lazy(() => import('./exercise.page').then((m) => ({ default: m.ExercisePage })));
const LogMomentPage = lazy(() => import('./log-moment.page').then((m) => ({ default: m.LogMomentPage })));
const MyMomentsPage = lazy(() => import('./my-moments.page').then((m) => ({ default: m.MyMomentsPage })));
const RateMyselfPage = lazy(() => import('./rate-myself.page').then((m) => ({ default: m.RateMyselfPage })));
const MyProgressPage = lazy(() => import('./my-progress.page').then((m) => ({ default: m.MyProgressPage })));
const MySessionsPage = lazy(() => import('../calendar/my-sessions.page').then((m) => ({ default: m.MySessionsPage })));
const PartnerAnswersPage = lazy(() => import('./partner-answers.page').then((m) => ({ default: m.PartnerAnswersPage })));
const MyMeasuresPage = lazy(() => import('../measures/my-measures.page').then((m) => ({ default: m.MyMeasuresPage })));
const AnswerMeasurePage = lazy(() => import('../measures/my-measures.page').then((m) => ({ default: m.AnswerMeasurePage })));
const AccountPage = lazy(() => import('../account/account.page').then((m) => ({ default: m.AccountPage })));
const MyRecordPage = lazy(() => import('../records-out/my-record.page').then((m) => ({ default: m.MyRecordPage })));

/**
 * The app's theme, made quieter for clients: sentence-case buttons, outlined inputs. Written as a
 * plain merge: `createTheme(outer, …)` asks TypeScript to compare a whole Theme with ThemeOptions,
 * which took 22 s of the web app's 30 s type-check (tsc --generateTrace).
 */
const portalTheme = (outer: Theme): Theme => ({
  ...outer,
  components: {
    ...outer.components,
    MuiButton: {
      ...outer.components?.MuiButton,
      styleOverrides: { ...outer.components?.MuiButton?.styleOverrides, root: { textTransform: 'none', fontSize: '0.95rem' } },
    },
    MuiTextField: { ...outer.components?.MuiTextField, defaultProps: { ...outer.components?.MuiTextField?.defaultProps, variant: 'outlined' } },
  },
});

/** A fresh exercise page (form, autosave, submit attempt) for each assignment. */
const ExercisePageForId = () => {
  const { id } = useParams();
  return <ExercisePage key={id} />;
};

/** A fresh questionnaire page (steps, draft) for each occurrence. */
const AnswerMeasurePageForId = () => {
  const { id } = useParams();
  return <AnswerMeasurePage key={id} />;
};

/**
 * The client portal, shown instead of the practitioner app when a client signs in: their homework,
 * an exercise page with a form drawn from the exercise's fields, good moments, self-ratings,
 * progress and, in a couple, what the partner chose to share. Its routes live under the app's own.
 */
export const ClientPortal = () => {
  const { inCouple } = useMyCases();
  return (
    <ThemeProvider theme={portalTheme}>
    <Box sx={{ maxWidth: 760, mx: 'auto', overflowWrap: 'anywhere' }}>
      <PortalNav showPartner={inCouple} />
      <Suspense fallback={<LoadingBlock />}>
      <Routes>
        <Route index element={<MyHomeworkPage />} />
        <Route path="homework/:id" element={<ExercisePageForId />} />
        <Route path="log-moment" element={<LogMomentPage />} />
        <Route path="moments" element={<MyMomentsPage />} />
        <Route path="rate-myself" element={<RateMyselfPage />} />
        <Route path="progress" element={<MyProgressPage />} />
        <Route path="sessions" element={<MySessionsPage />} />
        <Route path="partner" element={<PartnerAnswersPage />} />
        <Route path="measures" element={<MyMeasuresPage />} />
        <Route path="measures/:id" element={<AnswerMeasurePageForId />} />
        <Route path="account" element={<AccountPage portal />} />
        <Route path="my-record" element={<MyRecordPage />} />
        <Route path="*" element={<MyHomeworkPage />} />
      </Routes>
      </Suspense>
    </Box>
    </ThemeProvider>
  );
};
