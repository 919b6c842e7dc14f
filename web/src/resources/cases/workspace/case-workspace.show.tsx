import type { CaseDto } from '@attune/domain';
import { Card, CardContent, Grid, Stack } from '@mui/material';
import { Show, TabbedShowLayout, useRecordContext } from 'react-admin';
import { AlertsSection } from './alerts.section';
import { CaseHeader } from './case-header.section';
import { ClientWordsSection } from './client-words.section';
import { CorrectionsSection } from './corrections.section';
import { ExceptionsSection } from './exceptions.section';
import { HomeworkSection } from './homework.section';
import { ProgressSection } from './progress.section';
import { SessionsSection } from './sessions.section';
import { TransitionsSection } from './transitions.section';
import { CaseMeasuresSection } from '../../../measures/case-measures.section';

const Workspace = () => {
  const record = useRecordContext<CaseDto>();
  if (!record) return null;
  return (
    // A very long word (a pasted link, 3,000 letters without a space) wraps instead of widening the page.
    <Stack spacing={2} sx={{ mt: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
      <CaseHeader record={record} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <ClientWordsSection record={record} />
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Card sx={{ height: '100%' }}>
            <CardContent>
              <AlertsSection alerts={record.alerts} />
            </CardContent>
          </Card>
        </Grid>
      </Grid>
      <Card sx={{ minWidth: 0 }}>
        <TabbedShowLayout syncWithLocation sx={{ '& .MuiTabs-root': { maxWidth: '100%' } }}>
          <TabbedShowLayout.Tab label="attune.workspace.tab_progress">
            <ProgressSection record={record} />
          </TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label="measures.tab" path="measures">
            <CaseMeasuresSection record={record} />
          </TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label="attune.workspace.tab_sessions" path="sessions">
            <SessionsSection record={record} />
          </TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label="attune.workspace.tab_exceptions" path="exceptions">
            <ExceptionsSection record={record} />
          </TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label="attune.workspace.tab_homework" path="homework">
            <HomeworkSection record={record} />
          </TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label="attune.workspace.tab_history" path="history">
            <TransitionsSection caseId={record.id} />
            <CorrectionsSection caseId={record.id} />
          </TabbedShowLayout.Tab>
        </TabbedShowLayout>
      </Card>
    </Stack>
  );
};

/** The case workspace: everything about one case on one page, the way a session is prepared. */
export const CaseWorkspaceShow = () => (
  // The card may be narrower than its widest child (the stage stepper and the tabs scroll inside).
  <Show component="div" actions={false} sx={{ '& .RaShow-card': { minWidth: 0, maxWidth: '100%' } }}>
    <Workspace />
  </Show>
);
