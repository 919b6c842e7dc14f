import AssignmentLateIcon from '@mui/icons-material/AssignmentLate';
import EditNoteIcon from '@mui/icons-material/EditNote';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import RateReviewIcon from '@mui/icons-material/RateReview';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Grid,
  List as MuiList,
  ListItem,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Skeleton,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState, type ReactElement } from 'react';
import { Link, Title, useTranslate } from 'react-admin';
import { TodayAppointmentsCard, useTodaySessions } from '../calendar/today-appointments.card';
import { useAttuneDataProvider } from '../data/data-provider';
import { useAlertText } from '../shared/alert-text';
import { stageTitleKey } from '../shared/choices';
import { useExerciseTitle } from '../shared/exercise-title';
import { SectionHeading } from '../shared/section-heading';
import { formatNumber, useFormatDate } from '../shared/use-format';
import { visuallyHidden } from '../shared/visually-hidden';
import { ATTENTION_SHOWN_AT_FIRST, normaliseDashboard, pageOfAttention, type AttentionItem, type AttentionKind, type DashboardView } from './dashboard.shape';
import { useErrorText } from '../shared/use-error-text';

const CaseloadByStageChart = lazy(() => import('../charts/caseload-by-stage.chart').then((m) => ({ default: m.CaseloadByStageChart })));
/** The chart's height (caseload-by-stage.chart's CASELOAD_CHART_HEIGHT, not imported: that would pull recharts into this chunk). */
const CHART_HEIGHT = 260;

const ICONS: Record<AttentionKind, ReactElement> = {
  alert: <WarningAmberIcon color="error" />,
  review: <RateReviewIcon color="primary" />,
  overdue: <AssignmentLateIcon color="warning" />,
  stage_overrun: <HourglassBottomIcon color="warning" />,
  unsigned_session: <EditNoteIcon color="secondary" />,
};

const AttentionRow = ({ item }: { item: AttentionItem }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const alertText = useAlertText();
  const exerciseTitle = useExerciseTitle();
  const args = item.exercise ? { ...item.reason.args, exercise: exerciseTitle(item.exercise) } : item.reason.args;
  const reason = translate(item.reason.key, { _: item.reason.key, ...args });
  const detail = item.alert ? alertText({ ...item.alert, message: item.detail }) : item.detail ? { text: item.detail, lang: 'en' as const } : undefined;
  const when =
    item.kind === 'unsigned_session' && item.at
      ? translate('attune.dashboard.session_on', { date: formatDate(item.at, 'dateTime') })
      : item.kind === 'review' && item.at
        ? translate('attune.dashboard.submitted_on', { date: formatDate(item.at) })
        : item.kind === 'overdue' && item.at
          ? translate('attune.dashboard.due_on', { date: formatDate(item.at) })
          : undefined;
  const secondary =
    detail?.text || when ? (
      <>
        {detail?.text ? <span lang={detail.lang}>{detail.text}</span> : null}
        {detail?.text && when ? ' · ' : null}
        {when}
      </>
    ) : undefined;
  return (
    <li>
      <ListItemButton component={Link} to={item.link} sx={{ alignItems: 'flex-start' }}>
        <ListItemIcon sx={{ mt: 0.5 }} aria-hidden>
          {ICONS[item.kind]}
        </ListItemIcon>
        <ListItemText
          primary={
            <>
              <Box component="span" sx={{ fontWeight: 600 }}>
                {item.caseTitle}
              </Box>
              {' — '}
              {reason}
            </>
          }
          secondary={secondary}
        />
      </ListItemButton>
    </li>
  );
};

/** The count line above a long list, one phrase per kind. */
const SUMMARY_KEYS: Record<AttentionKind, string> = {
  alert: 'attune.dashboard.attention_summary.alert',
  review: 'attune.dashboard.attention_summary.review',
  unsigned_session: 'attune.dashboard.attention_summary.unsigned_session',
  stage_overrun: 'attune.dashboard.attention_summary.stage_overrun',
  overdue: 'attune.dashboard.attention_summary.overdue',
};

const ATTENTION_LIST_ID = 'attention-list';

/**
 * The most urgent items first, and only the first few of a long list: a count line per kind above
 * it, and under it how many are in view with a disclosure button that shows the rest in place.
 */
const AttentionList = ({ view }: { view: DashboardView }) => {
  const translate = useTranslate();
  const [expanded, setExpanded] = useState(false);
  const items = view.attention;
  const { shown, hidden, total, collapsible } = pageOfAttention(items, expanded, view.attentionTotal);
  return (
    <>
      {collapsible ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {view.attentionCounts
            .map(({ kind, count }) => translate(SUMMARY_KEYS[kind], { smart_count: count }))
            .join(' · ')}
        </Typography>
      ) : null}
      <MuiList id={ATTENTION_LIST_ID} dense disablePadding aria-labelledby="attention-heading">
        {shown.map((item) => (
          <AttentionRow key={item.id} item={item} />
        ))}
      </MuiList>
      {collapsible ? (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 2, mt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {hidden === 0
              ? translate('attune.dashboard.attention_showing_all', { smart_count: total })
              : translate('attune.dashboard.attention_showing', { shown: shown.length, smart_count: total })}
          </Typography>
          <Button size="small" aria-expanded={expanded} aria-controls={ATTENTION_LIST_ID} onClick={() => setExpanded((was) => !was)}>
            {expanded
              ? translate('attune.dashboard.show_fewer')
              : total > items.length
                ? translate('attune.dashboard.show_more', { smart_count: items.length - shown.length })
                : translate('attune.dashboard.show_all', { smart_count: total })}
          </Button>
        </Box>
      ) : null}
    </>
  );
};

/**
 * While the dashboard loads: the shape of the capped list (its count line, the first ten rows of
 * two lines each, the "showing" line), so the list takes the space kept for it and the chart under
 * it does not jump.
 */
const AttentionSkeleton = () => (
  <Box aria-hidden="true">
    <Typography variant="body2" sx={{ mb: 1 }}>
      <Skeleton width="60%" />
    </Typography>
    <MuiList dense disablePadding>
      {Array.from({ length: ATTENTION_SHOWN_AT_FIRST }, (_, i) => (
        <ListItem key={i} dense sx={{ alignItems: 'flex-start', px: 2 }}>
          <ListItemIcon sx={{ mt: 0.5 }}>
            <Skeleton variant="circular" width={24} height={24} />
          </ListItemIcon>
          <ListItemText primary={<Skeleton width="70%" />} secondary={<Skeleton width="40%" />} />
        </ListItem>
      ))}
    </MuiList>
    <Box sx={{ display: 'flex', alignItems: 'center', columnGap: 2, mt: 1 }}>
      <Typography variant="body2" sx={{ width: '8em' }}>
        <Skeleton />
      </Typography>
      {/* a small button's height */}
      <Skeleton variant="rounded" width="6em" height={30} />
    </Box>
  </Box>
);

const StatCard = ({ label, value, hint }: { label: string; value: string; hint?: string }) => (
  <Card sx={{ height: '100%' }}>
    <CardContent>
      <Typography component="h3" variant="subtitle2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h4" component="p" sx={{ fontWeight: 600, mt: 0.5 }}>
        {value}
      </Typography>
      {hint ? (
        <Typography variant="caption" color="text.secondary">
          {hint}
        </Typography>
      ) : null}
    </CardContent>
  </Card>
);

/** The practitioner's home: what needs attention first, then the caseload at a glance. */
export const DashboardPage = () => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const dataProvider = useAttuneDataProvider();
  const { data: raw, isPending, error } = useQuery({
    queryKey: ['dashboard'],
    queryFn: async () => (await dataProvider.getDashboard()).data,
  });
  const view = useMemo(() => normaliseDashboard(raw), [raw]);
  const caseload = view.openCasesByStage.map((s) => ({ stage: s.stage, label: String(s.stage), count: s.count }));
  const totalOpen = caseload.reduce((sum, s) => sum + s.count, 0);
  const average = view.averageChangeSinceIntake;
  // what comes under the first card waits for its height: laid out earlier, it would be pushed down
  const firstCardPending = useTodaySessions().pending;

  return (
    <Box sx={{ py: 2 }}>
      <Title title="attune.dashboard.title" />
      {error ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {errorText(error)}
        </Alert>
      ) : null}
      <TodayAppointmentsCard />
      {firstCardPending ? null : (
        <>
        <Card component="section" aria-labelledby="attention-heading" sx={{ mb: 2 }}>
          <CardContent>
            <SectionHeading id="attention-heading" level={2}>
              {translate('attune.dashboard.needs_attention')}
            </SectionHeading>
            {isPending ? (
              <AttentionSkeleton />
            ) : view.attention.length === 0 ? (
              <Typography color="text.secondary">{translate('attune.dashboard.nothing_needs_attention')}</Typography>
            ) : (
              <AttentionList view={view} />
            )}
          </CardContent>
        </Card>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 8 }}>
            <Card component="section" aria-labelledby="caseload-heading" sx={{ height: '100%' }}>
              <CardContent>
                <SectionHeading id="caseload-heading" level={2}>
                  {translate('attune.dashboard.caseload_by_stage')}
                </SectionHeading>
                {/* the count line and the chart keep their place while they load */}
                <Typography variant="body2" sx={{ mb: 1 }}>
                  {isPending ? <Skeleton width="8em" /> : translate('attune.dashboard.open_cases', { smart_count: totalOpen })}
                </Typography>
                {isPending ? (
                  <Skeleton variant="rectangular" height={CHART_HEIGHT} />
                ) : (
                  <>
                    <Suspense fallback={<Skeleton variant="rectangular" height={CHART_HEIGHT} />}>
                      <CaseloadByStageChart data={caseload} />
                    </Suspense>
                    <Box sx={visuallyHidden}>
                      <table>
                        <caption>{translate('attune.dashboard.caseload_by_stage')}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{translate('attune.dashboard.col_stage')}</th>
                            <th scope="col">{translate('attune.dashboard.col_open_cases')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {caseload.map((s) => (
                            <tr key={s.stage}>
                              <td>
                                {s.stage} · {translate(stageTitleKey(s.stage))}
                              </td>
                              <td>{s.count}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </Box>
                    <Typography variant="caption" color="text.secondary" component="p">
                      {caseload.map((s) => `${s.stage} ${translate(stageTitleKey(s.stage))}`).join(' · ')}
                    </Typography>
                  </>
                )}
              </CardContent>
            </Card>
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <Grid container spacing={2} direction="column" sx={{ height: '100%' }}>
              <Grid>
                <StatCard
                  label={translate('attune.dashboard.sessions_this_week')}
                  value={view.sessionsThisWeek === null ? '—' : String(view.sessionsThisWeek)}
                />
              </Grid>
              <Grid>
                <StatCard
                  label={translate('attune.dashboard.average_change')}
                  value={average === null ? '—' : `${average > 0 ? '+' : ''}${formatNumber(average)}`}
                  hint={
                    average === null
                      ? translate('attune.dashboard.average_change_none')
                      : view.averageChangeClients !== null
                        ? translate('attune.dashboard.average_change_clients', { smart_count: view.averageChangeClients })
                        : translate('attune.dashboard.average_change_hint')
                  }
                />
              </Grid>
            </Grid>
          </Grid>
        </Grid>
        </>
      )}
    </Box>
  );
};
