import { formatNumber } from '@attune/domain';
import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useExerciseTitle } from '../shared/exercise-title';
import { useFormatDate } from '../shared/use-format';
import { portalApi, portalKeys } from './portal-api';
import type { PortalProgressCase } from './portal-types';
import { LoadError, LoadingBlock, PageTitle, SectionTitle } from './portal-ui';
import { StagePath } from './stage-path';

const CHART_HEIGHT = 260;

/** recharts loads with the first chart, not with the portal. */
const MyProgressChart = lazy(() => import('./my-progress.chart').then((m) => ({ default: m.MyProgressChart })));

const CaseProgress = ({ progress, showCaseTitle }: { progress: PortalProgressCase; showCaseTitle: boolean }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const points = progress.points.map((p) => ({ t: Date.parse(p.recordedAt), score: p.score, source: p.source, recordedAt: p.recordedAt }));
  const first = points[0];
  const last = points[points.length - 1];
  const tableId = `progress-table-${progress.caseId}`;
  return (
    <Paper component="section" variant="outlined" aria-labelledby={`progress-${progress.caseId}`} sx={{ p: 2, mb: 2 }}>
      <Typography id={`progress-${progress.caseId}`} component="h2" variant="h6" sx={{ fontWeight: 600 }}>
        {translate('portal.progress.chart_title')}
      </Typography>
      {showCaseTitle ? (
        <Typography variant="body2" color="text.secondary">
          {translate('portal.progress.case_since', { date: formatDate(progress.openedAt), stage: progress.stage })}
        </Typography>
      ) : null}
      {progress.status === 'open' ? <StagePath stage={progress.stage} caseId={progress.caseId} /> : null}
      {!first || !last ? (
        <Typography sx={{ mt: 1 }}>
          {translate('portal.progress.none')} <RouterLink to="/rate-myself">{translate('portal.nav.rate_myself')}</RouterLink>
        </Typography>
      ) : (
        <>
          <Typography sx={{ mt: 1, mb: 1 }} aria-describedby={tableId}>
            {points.length === 1
              ? translate('portal.progress.single', { score: formatNumber(first.score), date: formatDate(first.recordedAt) })
              : translate('portal.progress.summary', {
                first: formatNumber(first.score), firstDate: formatDate(first.recordedAt),
                last: formatNumber(last.score), lastDate: formatDate(last.recordedAt), smart_count: points.length,
              })}
          </Typography>
          {/* A fixed-height box, so the page does not jump while the chart's code loads. */}
          <Box sx={{ height: CHART_HEIGHT }}>
            <Suspense fallback={null}>
              <MyProgressChart points={points} formatDate={(t) => formatDate(t, 'dayMonth')} scoreLabel={translate('portal.progress.col_score')} height={CHART_HEIGHT} />
            </Suspense>
          </Box>
          <Box component="details" sx={{ mt: 1, '& > summary': { cursor: 'pointer', color: 'primary.main', py: 0.5 } }}>
            <summary>{translate('portal.progress.show_table')}</summary>
            <Box sx={{ overflowX: 'auto' }}>
              <Table id={tableId} size="small" sx={{ mt: 1 }}>
                <caption>{translate('portal.progress.table_caption')}</caption>
                <TableHead>
                  <TableRow>
                    <TableCell component="th" scope="col">{translate('portal.progress.col_date')}</TableCell>
                    <TableCell component="th" scope="col">{translate('portal.progress.col_score')}</TableCell>
                    <TableCell component="th" scope="col">{translate('portal.progress.col_source')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {points.map((p, i) => (
                    <TableRow key={`${p.recordedAt}-${i}`}>
                      <TableCell>{formatDate(p.recordedAt)}</TableCell>
                      <TableCell>{formatNumber(p.score)}</TableCell>
                      <TableCell>{translate(`portal.progress.source_${p.source}`)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Box>
        </>
      )}
    </Paper>
  );
};

/** "My progress": the client's own ratings over time (chart with a text alternative) and past feedback. */
export const MyProgressPage = () => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const exerciseTitle = useExerciseTitle();
  const query = useQuery({ queryKey: portalKeys.progress, queryFn: portalApi.getProgress });
  return (
    <Box>
      <PageTitle subtitle={translate('portal.progress.intro')}>{translate('portal.progress.title')}</PageTitle>
      {query.isPending ? <LoadingBlock /> : query.isError ? <LoadError error={query.error} onRetry={() => void query.refetch()} /> : (
        <>
          {query.data.cases.length === 0 ? <Typography>{translate('portal.progress.none')}</Typography> : null}
          {query.data.cases.map((c) => <CaseProgress key={c.caseId} progress={c} showCaseTitle={query.data.cases.length > 1} />)}
          <Box component="section" aria-labelledby="feedback-list-title">
            <SectionTitle id="feedback-list-title">{translate('portal.progress.feedback_title')}</SectionTitle>
            {query.data.feedback.length === 0 ? <Typography color="text.secondary">{translate('portal.progress.feedback_none')}</Typography> : (
              <Box component="ul" sx={{ p: 0, m: 0, listStyle: 'none' }}>
                {query.data.feedback.map((f) => (
                  <Paper component="li" key={f.assignmentId} variant="outlined" sx={{ p: 2, mb: 1.5 }}>
                    <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
                      <RouterLink to={`/homework/${f.assignmentId}`}>{exerciseTitle({ key: f.exerciseKey, title: f.exerciseTitle })}</RouterLink>
                    </Typography>
                    {f.reviewedAt ? <Typography variant="body2" color="text.secondary">{translate('portal.homework.reviewed_on', { date: formatDate(f.reviewedAt) })}</Typography> : null}
                    <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{f.feedback}</Typography>
                  </Paper>
                ))}
              </Box>
            )}
          </Box>
        </>
      )}
    </Box>
  );
};
