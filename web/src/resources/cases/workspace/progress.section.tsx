import type { CaseDto, ScaleScoreDto } from '@attune/domain';
import { Alert, Box, Button, Skeleton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { DataTable, FunctionField, Pagination, ReferenceManyField, useTranslate } from 'react-admin';
import { describeSpan, shapeCaseProgress } from '../../../charts/case-progress.shape';
import { SectionHeading } from '../../../shared/section-heading';
import { formatNumber, useFormatDate, DateText } from '../../../shared/use-format';
import { useCaseClients } from '../../../shared/use-case-clients';
import { EntryNotes, ScaleScoreActions } from './entry-actions';
import { enumKey } from '../../../shared/choices';
import { visuallyHidden } from '../../../shared/visually-hidden';
import { RatingFollowUps } from '../../../shared/rating-follow-ups';
import { RecordScoreButton } from './record-score.dialog';
import { useCaseProgress } from './use-case-queries';
import { useErrorText } from '../../../shared/use-error-text';

const CaseProgressChart = lazy(() => import('../../../charts/case-progress.chart').then((m) => ({ default: m.CaseProgressChart })));

/**
 * Every rating of the case with who recorded it, its staff note or why it is hidden, and what staff
 * may do with it: correct their own, annotate or hide any (a client's self-rating stays as written).
 */
const RatingsList = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const { nameOf } = useCaseClients(record.clientIds);
  return (
    <Box component="section" aria-labelledby="ratings-heading" sx={{ mt: 3 }}>
      <SectionHeading id="ratings-heading" level={4}>
        {translate('attune.client_words.ratings')}
      </SectionHeading>
      <ReferenceManyField
        reference="scale-scores"
        target="caseId"
        sort={{ field: 'recordedAt', order: 'DESC' }}
        perPage={20}
        pagination={<Pagination rowsPerPageOptions={[20]} />}
        empty={<Typography color="text.secondary">{translate('attune.client_words.no_ratings')}</Typography>}
      >
        <DataTable bulkActionButtons={false} rowClick={false}>
          <DataTable.Col source="recordedAt">
            <DateText source="recordedAt" style="dateTime" />
          </DataTable.Col>
          <DataTable.Col source="clientId" disableSort>
            <FunctionField<ScaleScoreDto> render={(s) => nameOf(s.clientId)} />
          </DataTable.Col>
          <DataTable.Col source="score">
            <FunctionField<ScaleScoreDto> render={(s) => formatNumber(s.score)} />
          </DataTable.Col>
          <DataTable.Col source="source" disableSort>
            <FunctionField<ScaleScoreDto> render={(s) => translate(enumKey('score_source', s.source), { _: s.source })} />
          </DataTable.Col>
          <DataTable.Col label="records.follow_ups.heading" disableSort>
            <FunctionField<ScaleScoreDto> render={(s) => <RatingFollowUps keepsFromLower={s.keepsFromLower} onePointHigher={s.onePointHigher} />} />
          </DataTable.Col>
          <DataTable.Col label="attune.client_words.col_notes" disableSort>
            <FunctionField<ScaleScoreDto> render={(s) => <EntryNotes entry={s} />} />
          </DataTable.Col>
          <DataTable.Col label="attune.client_words.col_actions" disableSort>
            <FunctionField<ScaleScoreDto> render={(s) => <ScaleScoreActions score={s} record={record} />} />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Box>
  );
};

/** The scale over time, with a one-sentence summary per person and a table as its text alternative. */
export const ProgressSection = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const { data: raw, isPending, error } = useCaseProgress(record.id);
  const data = useMemo(() => shapeCaseProgress(raw), [raw]);
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const hasRatings = data.table.length > 0;

  const summary = data.summaries
    .map((s) => {
      const span = describeSpan(s.days);
      return translate('attune.progress.summary', {
        name: s.name,
        first: formatNumber(s.first),
        last: formatNumber(s.last),
        period: translate(`attune.progress.period_${span.unit}`, { smart_count: span.count }),
      });
    })
    .join(' ');

  return (
    <Box component="section" aria-labelledby={`${tableId}-heading`}>
      <SectionHeading id={`${tableId}-heading`} actions={<RecordScoreButton record={record} />}>
        {translate('attune.progress.heading')}
      </SectionHeading>
      {error ? <Alert severity="error">{errorText(error)}</Alert> : null}
      {isPending ? (
        <Skeleton variant="rectangular" height={320} />
      ) : hasRatings ? (
        <>
          <Typography variant="body1" sx={{ mb: 1 }} data-testid="progress-summary">
            {summary}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
            {translate('attune.progress.legend_hint')} {translate('records.progress.new_best_hint', { mark: translate('records.progress.new_best_mark') })}
          </Typography>
          <Suspense fallback={<Skeleton variant="rectangular" height={320} />}>
            <CaseProgressChart
              data={data}
              formatDate={(t) => formatDate(t, 'dayMonth')}
              labels={{
                firstRise: () => translate('attune.progress.first_rise'),
                stage: (stage) => translate('attune.progress.stage_band', { stage }),
                keepsFromLower: translate('records.label_colon', { label: translate('records.follow_ups.keeps_from_lower') }),
                onePointHigher: translate('records.label_colon', { label: translate('records.follow_ups.one_point_higher') }),
                formatScore: formatNumber,
                newBest: translate('records.progress.new_best_mark'),
              }}
            />
          </Suspense>
        </>
      ) : (
        <Typography color="text.secondary">{translate('attune.progress.empty')}</Typography>
      )}
      {hasRatings ? (
        <Box sx={{ mt: 1 }}>
          <Button size="small" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
            {translate(showTable ? 'attune.progress.hide_table' : 'attune.progress.show_table')}
          </Button>
          <Box id={tableId} sx={showTable ? undefined : visuallyHidden}>
            <Table size="small" aria-label={translate('attune.progress.table_caption')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('attune.progress.col_date')}</TableCell>
                  <TableCell>{translate('attune.progress.col_person')}</TableCell>
                  <TableCell align="right">{translate('attune.progress.col_score')}</TableCell>
                  <TableCell>{translate('attune.progress.col_source')}</TableCell>
                  <TableCell>{translate('records.follow_ups.heading')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.table.map((row, index) => (
                  <TableRow key={`${row.t}-${row.name}-${index}`}>
                    <TableCell>{formatDate(row.t, 'dateTime')}</TableCell>
                    <TableCell>{row.name}</TableCell>
                    <TableCell align="right">
                      {formatNumber(row.score)}
                      {row.newBest ? ` ${translate('records.progress.new_best')}` : ''}
                    </TableCell>
                    <TableCell>{row.source ? translate(enumKey('score_source', row.source), { _: row.source }) : ''}</TableCell>
                    <TableCell>
                      <RatingFollowUps keepsFromLower={row.keepsFromLower} onePointHigher={row.onePointHigher} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {data.bands.length > 0 ? (
              <Typography variant="body2" sx={{ mt: 1 }}>
                {translate('attune.progress.stage_visits')}{' '}
                {data.bands
                  .map((b) => `${translate('attune.progress.stage_band', { stage: b.stage })}: ${formatDate(b.x1)} – ${formatDate(b.x2)}`)
                  .join('; ')}
              </Typography>
            ) : null}
          </Box>
        </Box>
      ) : null}
      <RatingsList record={record} />
    </Box>
  );
};
