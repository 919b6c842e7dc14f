import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useExerciseTitle } from '../shared/exercise-title';
import { useFormatDate } from '../shared/use-format';
import { portalApi, portalKeys } from './portal-api';
import { groupHomework } from './homework-groups';
import type { PortalAssignmentSummary } from './portal-types';
import { LoadError, LoadingBlock, PageTitle, SectionTitle, useCadenceText } from './portal-ui';

const HomeworkCard = ({ item }: { item: PortalAssignmentSummary }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const cadenceText = useCadenceText();
  const exerciseTitle = useExerciseTitle();
  const when =
    item.status === 'reviewed' && item.reviewedAt ? translate('portal.homework.reviewed_on', { date: formatDate(item.reviewedAt) })
      : item.status === 'submitted' && item.submittedAt ? translate('portal.homework.sent_on', { date: formatDate(item.submittedAt) })
        : translate(item.overdue ? 'portal.homework.was_due_on' : 'portal.homework.due_on', { date: formatDate(item.dueAt) });
  return (
    <Paper
      component="li"
      variant="outlined"
      sx={{
        position: 'relative',
        p: 2,
        listStyle: 'none',
        '&:hover': { borderColor: 'primary.main' },
        '&:focus-within': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: 2 },
      }}
    >
      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
        <Box
          component={RouterLink}
          to={`/homework/${item.id}`}
          sx={{
            color: 'inherit',
            textDecoration: 'none',
            '&:focus-visible': { outline: 'none' },
            // The whole card is the link's target area; its name stays the title.
            '&::after': { content: '""', position: 'absolute', inset: 0 },
          }}
        >
          {exerciseTitle(item.exercise)}
        </Box>
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {when} · {cadenceText(item.exercise.cadence)}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mt: 1 }}>
        <Chip size="small" variant="outlined" label={translate(`portal.status.${item.status}`)} />
        {item.status === 'in_progress' && item.draftSavedAt ? <Chip size="small" variant="outlined" label={translate('portal.homework.draft_saved')} /> : null}
        {item.hasFeedback ? <Chip size="small" color="primary" label={translate('portal.homework.has_feedback')} /> : null}
        {item.sharedWithPartner ? <Chip size="small" variant="outlined" label={translate('portal.homework.shared')} /> : null}
      </Stack>
      {item.note && (item.status === 'assigned' || item.status === 'in_progress') ? (
        <Typography variant="body2" sx={{ mt: 1, fontStyle: 'italic', overflowWrap: 'anywhere' }}>“{item.note}”</Typography>
      ) : null}
    </Paper>
  );
};

const Group = ({ id, title, hint, items }: { id: string; title: string; hint?: string; items: PortalAssignmentSummary[] }) =>
  items.length === 0 ? null : (
    <Box component="section" aria-labelledby={id}>
      <SectionTitle id={id}>
        {title} <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400 }}>({items.length})</Box>
      </SectionTitle>
      {hint ? <Typography variant="body2" color="text.secondary" sx={{ mt: -1, mb: 1.5 }}>{hint}</Typography> : null}
      <Stack component="ul" spacing={1.5} sx={{ p: 0, m: 0 }}>
        {items.map((item) => <HomeworkCard key={item.id} item={item} />)}
      </Stack>
    </Box>
  );

/** "My homework": what is due, what is past its date, what waits for the practitioner, what came back. */
export const MyHomeworkPage = () => {
  const translate = useTranslate();
  const query = useQuery({ queryKey: portalKeys.assignments, queryFn: portalApi.listAssignments });
  return (
    <Box>
      <PageTitle subtitle={translate('portal.homework.intro')}>{translate('portal.homework.title')}</PageTitle>
      {query.isPending ? <LoadingBlock /> : query.isError ? <LoadError error={query.error} onRetry={() => void query.refetch()} /> : (() => {
        const groups = groupHomework(query.data);
        if (query.data.length === 0) return <Typography>{translate('portal.homework.empty')}</Typography>;
        return (
          <>
            <Group id="group-due" title={translate('portal.homework.group_due')} items={groups.due} />
            <Group id="group-overdue" title={translate('portal.homework.group_overdue')} hint={translate('portal.homework.group_overdue_hint')} items={groups.overdue} />
            <Group id="group-waiting" title={translate('portal.homework.group_waiting')} items={groups.waiting} />
            <Group id="group-feedback" title={translate('portal.homework.group_feedback')} items={groups.feedback} />
          </>
        );
      })()}
    </Box>
  );
};
