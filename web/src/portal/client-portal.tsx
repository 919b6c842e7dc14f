import { Box, ThemeProvider, type Theme } from '@mui/material';
import { Route, Routes, useParams } from 'react-router-dom';
import { AccountPage } from '../account/account.page';
import { MySessionsPage } from '../calendar/my-sessions.page';
import { MyRecordPage } from '../records-out/my-record.page';
import { ExercisePage } from './exercise.page';
import { LogMomentPage } from './log-moment.page';
import { MyHomeworkPage } from './my-homework.page';
import { MyMomentsPage } from './my-moments.page';
import { MyProgressPage } from './my-progress.page';
import { PartnerAnswersPage } from './partner-answers.page';
import { PortalNav } from './portal-nav';
import { RateMyselfPage } from './rate-myself.page';
import { useMyCases } from './use-open-cases';
import { AnswerMeasurePage, MyMeasuresPage } from '../measures/my-measures.page';

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
    </Box>
    </ThemeProvider>
  );
};
