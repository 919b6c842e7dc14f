import {
  BUILT_IN_MEASURES, builtInExercise, builtInMeasure, MEASURE_CADENCES, PROFILE_DIMENSION_LABELS, PROFILE_DIMENSIONS,
  type CaseDto, type CaseMeasuresDto, type CaseMeasureSeriesDto,
} from '@attune/domain';
import { Alert, Box, Button, Card, CardContent, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { NumberInput, RadioButtonGroupInput, SelectInput, FormDataConsumer, useNotify, useTranslate } from 'react-admin';
import { newIdempotencyKey } from '../portal/idempotency-key';
import { FormDialog } from '../shared/form-dialog';
import { SectionHeading } from '../shared/section-heading';
import { useCaseClients } from '../shared/use-case-clients';
import { formatNumber, useFormatDate } from '../shared/use-format';
import { caseMeasuresKey, measuresApi } from './measures-api';
import { EnterAnswersButton } from './enter-answers.dialog';
import { CouplePatternText } from './couple-pattern.text';
import { PlaybookList } from './playbook.list';
import { shapeMeasureCharts, type MeasureChartData, type MeasureTimeline } from './measure-chart.shape';
import { shapeCaseProgress } from '../charts/case-progress.shape';
import { useCaseProgress } from '../resources/cases/workspace/use-case-queries';
import { useMeasureText } from './use-measure-text';
import { useErrorText } from '../shared/use-error-text';

const MeasureChart = lazy(() => import('./measure.chart').then((m) => ({ default: m.MeasureChart })));
const CoupleProfileChart = lazy(() => import('./couple-profile.chart').then((m) => ({ default: m.CoupleProfileChart })));

/** The client choice that gives the measure to both partners of a couple case, one schedule each. */
const BOTH_PARTNERS = 'both';

/** Gives a measure to one client of the case, or to both partners of a couple: once, at every session, or every N weeks. */
const GiveMeasureButton = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const text = useMeasureText();
  const { clients } = useCaseClients(record.clientIds);
  const queryClient = useQueryClient();
  if (record.status === 'closed') return null;
  const measures = BUILT_IN_MEASURES.filter((m) => m.audience === 'individual' || record.kind === 'couple');
  const clientChoices = clients.map((c) => ({ id: c.id, name: c.displayName }));
  if (record.kind === 'couple' && clients.length === 2) clientChoices.push({ id: BOTH_PARTNERS, name: translate('measures.both_partners') });
  return (
    <FormDialog
      buttonLabel="measures.give"
      title="measures.give_title"
      saveLabel="measures.give_submit"
      successMessage="measures.given"
      defaultValues={{ clientId: record.clientIds.length === 1 ? record.clientIds[0] : undefined, measureKey: 'phq-9', cadence: 'once', expiresAfterDays: 4 }}
      onSubmit={async (values) => {
        const both = values.clientId === BOTH_PARTNERS;
        await measuresApi.giveMeasure({
          caseId: record.id,
          clientId: both ? record.clientIds[0]! : String(values.clientId ?? ''),
          ...(both ? { bothPartners: true } : {}),
          measureKey: String(values.measureKey),
          cadence: values.cadence as (typeof MEASURE_CADENCES)[number],
          ...(values.cadence === 'every_n_weeks' ? { intervalWeeks: Number(values.intervalWeeks) } : {}),
          expiresAfterDays: Number(values.expiresAfterDays),
        }, newIdempotencyKey());
        await queryClient.invalidateQueries({ queryKey: caseMeasuresKey(record.id) });
      }}
    >
      <RadioButtonGroupInput source="clientId" label="measures.field_client" choices={clientChoices} translateChoice={false} isRequired />
      <SelectInput source="measureKey" label="measures.field_measure" choices={measures.map((m) => ({ id: m.key, name: text(m.title) }))} translateChoice={false} isRequired />
      <SelectInput source="cadence" label="measures.field_cadence" choices={MEASURE_CADENCES.map((c) => ({ id: c, name: translate(`measures.cadence.${c}`) }))} translateChoice={false} isRequired />
      <FormDataConsumer>
        {({ formData }) => (formData.cadence === 'every_n_weeks' ? <NumberInput source="intervalWeeks" label="measures.field_interval" min={1} max={26} isRequired /> : null)}
      </FormDataConsumer>
      <NumberInput source="expiresAfterDays" label="measures.field_expiry" min={1} max={30} />
    </FormDialog>
  );
};

/** The answers item by item (rows: questions; columns: dates), with totals and bands: the chart's text alternative. */
const ItemTable = ({ series, chart }: { series: CaseMeasureSeriesDto; chart: MeasureChartData }) => {
  const translate = useTranslate();
  const text = useMeasureText();
  const formatDate = useFormatDate();
  const def = builtInMeasure(series.measureKey);
  const columns = chart.responses;
  const bandOf = (key: string | undefined) => text(series.bands.find((b) => b.key === key)?.label);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={`${translate('measures.items_table')}: ${series.shortTitle}, ${chart.name}`}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('measures.col_item')}</TableCell>
            {columns.map((r) => (
              <TableCell key={r.id} align="right">{formatDate(r.completedAt ?? r.opensAt, 'dayMonth')}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {(def?.items ?? []).map((item, i) => (
            <TableRow key={item.key}>
              <TableCell>{`${i + 1}. ${text(item.text)}`}</TableCell>
              {columns.map((r) => (
                <TableCell key={r.id} align="right">{r.answers?.[item.key] ?? '–'}</TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow>
            <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>{translate('measures.col_total')}</TableCell>
            {columns.map((r) => (
              <TableCell key={r.id} align="right" sx={{ fontWeight: 600 }}>
                {r.score !== null ? formatNumber(r.score) : translate(r.status === 'expired' ? 'measures.expired' : 'measures.pending')}
              </TableCell>
            ))}
          </TableRow>
          <TableRow>
            <TableCell component="th" scope="row">{translate('measures.col_band')}</TableCell>
            {columns.map((r) => (
              <TableCell key={r.id} align="right">{r.band ? bandOf(r.band.key) : ''}{r.change && r.change.class !== 'no_reliable_change' ? ` · ${translate(`measures.${r.change.class}`)}` : ''}</TableCell>
            ))}
          </TableRow>
          <TableRow>
            <TableCell component="th" scope="row">{translate('measures.col_source')}</TableCell>
            {columns.map((r) => (
              <TableCell key={r.id} align="right">{r.source ? translate(`measures.source.${r.source}`) : '–'}</TableCell>
            ))}
          </TableRow>
          <TableRow>
            <TableCell component="th" scope="row">{translate('measures.col_stage')}</TableCell>
            {chart.responseStages.map((stage, i) => (
              <TableCell key={columns[i]!.id} align="right">{stage !== null ? translate('attune.progress.stage_band', { stage }) : '–'}</TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
      {chart.sessions.length > 0 ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('measures.sessions_held', { dates: chart.sessions.map((s) => formatDate(s.t, 'dayMonth')).join(', ') })}
        </Typography>
      ) : null}
    </Box>
  );
};

const SeriesCard = ({ series, timeline }: { series: CaseMeasureSeriesDto; timeline: MeasureTimeline }) => {
  const translate = useTranslate();
  const text = useMeasureText();
  const formatDate = useFormatDate();
  const charts = useMemo(() => shapeMeasureCharts(series, timeline), [series, timeline]);
  const def = builtInMeasure(series.measureKey);
  if (series.measureKey === 'communication-profile') return null;
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography component="h4" variant="subtitle1" sx={{ fontWeight: 600 }}>{text(series.title)}</Typography>
        {charts.map((chart) => (
          <Box key={chart.key} component="section" aria-label={translate('measures.chart_label', { measure: series.shortTitle, name: chart.name })} sx={{ mt: 1 }}>
            {chart.first !== null && chart.last !== null ? (
              <Typography variant="body2" sx={{ mb: 1 }}>
                {translate(series.direction === 'higher_is_better' ? 'measures.summary_better_higher' : 'measures.summary', {
                  name: chart.name, first: formatNumber(chart.first), last: formatNumber(chart.last),
                  change: translate(`measures.${chart.lastChange ?? 'no_reliable_change'}`),
                })}
              </Typography>
            ) : null}
            {chart.points.length > 0 ? (
              <>
                <Suspense fallback={<Skeleton variant="rectangular" height={260} />}>
                  <MeasureChart
                    data={chart}
                    formatDate={(t) => formatDate(t, 'dayMonth')}
                    bandLabel={text}
                    cutoffLabel={translate('measures.cutoff', { value: chart.cutoff ?? '' })}
                    stageLabel={(stage) => translate('attune.progress.stage_band', { stage })}
                  />
                </Suspense>
                {chart.stages.length > 0 || chart.sessions.length > 0 ? (
                  <Typography variant="caption" color="text.secondary" component="p">{translate('measures.timeline_hint')}</Typography>
                ) : null}
                {chart.points.some((p) => p.inSession) ? (
                  <Typography variant="caption" color="text.secondary" component="p">{translate('measures.in_session_hint')}</Typography>
                ) : null}
              </>
            ) : null}
            <ItemTable series={series} chart={chart} />
          </Box>
        ))}
        {def ? (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            {translate('measures.attribution')}: <span lang="en" data-verbatim>{def.licence.attribution}</span>
          </Typography>
        ) : null}
      </CardContent>
    </Card>
  );
};

/** Both partners' profiles side by side, the pattern between them as a shared problem, and the playbook with one-click assignment. */
const CoupleView = ({ record, couple }: { record: CaseDto; couple: NonNullable<CaseMeasuresDto['couple']> }) => {
  const translate = useTranslate();
  const text = useMeasureText();
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  const assign = async (exerciseKey: string, clientId: string, name: string) => {
    setBusy(`${exerciseKey}:${clientId}`);
    try {
      const exercise = await measuresApi.builtInExerciseId(exerciseKey);
      if (!exercise) throw new Error(exerciseKey);
      await measuresApi.assign({ caseId: record.id, clientId, exerciseId: exercise.id, dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }, newIdempotencyKey());
      notify(translate('measures.couple.assigned', { exercise: exercise.title, name }), { type: 'success' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(null);
    }
  };
  const exerciseTitle = (key: string) => translate(`attune.exercises.${key}.title`, { _: builtInExercise(key)?.title ?? key });
  return (
    <Box component="section" aria-labelledby="couple-profile-heading" sx={{ mt: 3 }}>
      <SectionHeading id="couple-profile-heading" level={4}>{translate('measures.couple.heading')}</SectionHeading>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('measures.couple.descriptive')}</Typography>
      {couple.safetyConcern ? <Alert severity="warning" sx={{ mb: 2 }}>{translate('measures.couple.safety')}</Alert> : null}
      <Suspense fallback={<Skeleton variant="rectangular" height={280} />}>
        <CoupleProfileChart partners={couple.partners.map((p) => ({ name: p.displayName, profile: p.profile }))} dimensionLabel={(d) => text(PROFILE_DIMENSION_LABELS[d])} />
      </Suspense>
      <Table size="small" aria-label={translate('measures.couple.heading')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('measures.couple.dimension_col')}</TableCell>
            {couple.partners.map((p) => <TableCell key={p.clientId} align="right">{p.displayName}</TableCell>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {PROFILE_DIMENSIONS.map((d) => (
            <TableRow key={d}>
              <TableCell>{text(PROFILE_DIMENSION_LABELS[d])}</TableCell>
              {couple.partners.map((p) => <TableCell key={p.clientId} align="right">{p.profile.dimensions[d] ?? '–'}</TableCell>)}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography component="h5" variant="subtitle1" sx={{ fontWeight: 600, mt: 2 }}>{translate('measures.couple.pattern')}</Typography>
      {couple.waitingFor.length > 0 ? (
        <Typography variant="body2">
          {translate('measures.couple.waiting', { names: couple.waitingFor.map((p) => p.displayName).join(', ') })}
        </Typography>
      ) : (
        <CouplePatternText pattern={couple.pattern} />
      )}
      <PlaybookList
        text={text}
        playbook={couple.playbook}
        heading={translate('measures.couple.playbook')}
        kindLabel={(k) => translate(`measures.kind.${k}`)}
        action={record.status === 'open' ? (exerciseKey) => (
          <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: 'wrap', gap: 1 }}>
            {couple.partners.map((p) => (
              <Button key={p.clientId} size="small" variant="outlined" disabled={busy !== null} onClick={() => void assign(exerciseKey, p.clientId, p.displayName)}>
                {translate('measures.couple.assign', { exercise: exerciseTitle(exerciseKey), name: p.displayName })}
              </Button>
            ))}
          </Stack>
        ) : undefined}
      />
    </Box>
  );
};

/** The case's measures: give one, each measure's chart with bands and its item table, and the couple profile. */
export const CaseMeasuresSection = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const { data, isPending, error } = useQuery({ queryKey: caseMeasuresKey(record.id), queryFn: () => measuresApi.caseMeasures(record.id) });
  const { data: progress } = useCaseProgress(record.id);
  const timeline = useMemo<MeasureTimeline>(() => ({
    stages: shapeCaseProgress(progress).bands,
    sessions: (data?.sessions ?? []).map((s) => ({ id: s.id, t: Date.parse(s.startsAt) })),
  }), [progress, data?.sessions]);
  return (
    <Box component="section" aria-labelledby="measures-heading">
      <SectionHeading id="measures-heading" actions={<><EnterAnswersButton record={record} /><GiveMeasureButton record={record} /></>}>{translate('measures.heading')}</SectionHeading>
      {error ? <Alert severity="error">{errorText(error)}</Alert> : null}
      {isPending ? <Skeleton variant="rectangular" height={260} /> : null}
      {data && data.series.length === 0 ? <Typography color="text.secondary">{translate('measures.empty')}</Typography> : null}
      <Stack spacing={2}>
        {data?.series.map((s) => <SeriesCard key={s.measureKey} series={s} timeline={timeline} />)}
      </Stack>
      {data?.couple ? <CoupleView record={record} couple={data.couple} /> : null}
    </Box>
  );
};
