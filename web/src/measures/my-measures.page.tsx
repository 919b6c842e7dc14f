import {
  COMMUNICATION_PROFILE, PROFILE_DIMENSION_LABELS, PROFILE_DIMENSIONS, SAFETY_SCREEN_ITEMS,
  type CouplePattern, type MyMeasureDto, type PartnerProfile,
} from '@attune/domain';
import { Alert, Box, Button, Checkbox, FormControlLabel, Paper, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { newIdempotencyKey } from '../portal/idempotency-key';
import { LoadError, LoadingBlock, PageTitle } from '../portal/portal-ui';
import { useFormatDate } from '../shared/use-format';
import { measuresApi } from './measures-api';
import { CouplePatternText } from './couple-pattern.text';
import { PlaybookList } from './playbook.list';
import { firstOpenStep, QuestionStepper, type QuestionStep } from './question-stepper';
import { useMeasureText } from './use-measure-text';
import { useErrorText } from '../shared/use-error-text';

const myMeasuresKey = ['portal', 'measures'] as const;
const CoupleProfileChart = lazy(() => import('./couple-profile.chart').then((m) => ({ default: m.CoupleProfileChart })));

/** The client's questionnaires: open ones first, then answered ones. */
export const MyMeasuresPage = () => {
  const translate = useTranslate();
  const text = useMeasureText();
  const formatDate = useFormatDate();
  const { data, isPending, error, refetch } = useQuery({ queryKey: myMeasuresKey, queryFn: measuresApi.myMeasures });
  if (isPending) return <LoadingBlock />;
  if (error) return <LoadError error={error} onRetry={() => void refetch()} />;
  const open = data.filter((m) => m.status === 'pending');
  const rest = data.filter((m) => m.status !== 'pending');
  return (
    <Box>
      <PageTitle>{translate('measures.portal.title')}</PageTitle>
      {open.length === 0 ? <Typography>{translate('measures.portal.none')}</Typography> : null}
      <Stack component="ul" spacing={2} sx={{ p: 0, listStyle: 'none' }}>
        {[...open, ...rest].map((m) => {
          // the button's name starts with its visible words (WCAG 2.5.3), then says which questionnaire
          const action = translate(m.status === 'completed' ? 'ra.action.show' : m.draft ? 'measures.portal.resume' : 'measures.portal.start');
          const done = m.status === 'completed' ? ` (${translate('measures.portal.done', { date: formatDate(m.completedAt) })})` : '';
          return (
          <Paper component="li" key={m.id} variant="outlined" sx={{ p: 2 }}>
            <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600 }}>{text(m.title)}</Typography>
            <Typography variant="body2" color="text.secondary">
              {m.status === 'completed' ? translate('measures.portal.done', { date: formatDate(m.completedAt) })
                : m.status === 'expired' ? translate('measures.portal.expired')
                  : translate('measures.portal.open_until', { date: formatDate(m.expiresAt, 'dateTime') })}
            </Typography>
            {m.status !== 'expired' ? (
              <Button component={RouterLink} to={`/measures/${m.id}`} variant={m.status === 'pending' ? 'contained' : 'text'} sx={{ mt: 1 }}
                aria-label={`${action}: ${text(m.title)}${done}`}>
                {action}
              </Button>
            ) : null}
          </Paper>
          );
        })}
      </Stack>
    </Box>
  );
};

type Values = Record<'answers' | 'safety', Record<string, number | null>>;

/** The client's profile beside the one their partner shared, as the practitioner sees them, and the pattern between them as a shared problem. */
const PartnersSideBySide = ({ own, partner, pattern }: { own: PartnerProfile; partner: PartnerProfile; pattern: CouplePattern | null }) => {
  const translate = useTranslate();
  const text = useMeasureText();
  const partners = [{ name: translate('measures.portal.you'), profile: own }, { name: translate('measures.portal.your_partner'), profile: partner }];
  return (
    <Box component="section" aria-labelledby="partners-heading" sx={{ mt: 3 }}>
      <Typography id="partners-heading" component="h2" variant="subtitle1" sx={{ fontWeight: 600 }}>{translate('measures.portal.partner_shared')}</Typography>
      <Suspense fallback={<Skeleton variant="rectangular" height={280} />}>
        <CoupleProfileChart partners={partners} dimensionLabel={(d) => text(PROFILE_DIMENSION_LABELS[d])} />
      </Suspense>
      <Table size="small" aria-label={translate('measures.portal.partner_shared')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('measures.couple.dimension_col')}</TableCell>
            {partners.map((p) => <TableCell key={p.name} align="right">{p.name}</TableCell>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {PROFILE_DIMENSIONS.map((d) => (
            <TableRow key={d}>
              <TableCell>{text(PROFILE_DIMENSION_LABELS[d])}</TableCell>
              {partners.map((p) => <TableCell key={p.name} align="right">{p.profile.dimensions[d] ?? '–'}</TableCell>)}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography component="h3" variant="subtitle2" sx={{ fontWeight: 600, mt: 2 }}>{translate('measures.couple.pattern')}</Typography>
      <CouplePatternText pattern={pattern} />
    </Box>
  );
};

const Result = ({ measure }: { measure: MyMeasureDto }) => {
  const translate = useTranslate();
  const text = useMeasureText();
  const r = measure.result;
  if (!r) return null;
  return (
    <Box>
      <Alert severity="success" sx={{ mb: 2 }}>{translate('measures.portal.sent')}</Alert>
      {r.score !== null && !r.profile ? (
        <Typography>{translate('measures.portal.your_score', { score: r.score, band: text(r.band?.label) })}</Typography>
      ) : null}
      {r.safetyConcern && measure.measureKey !== COMMUNICATION_PROFILE.key ? <Alert severity="warning" sx={{ mt: 2 }}>{translate('measures.portal.if_in_danger')}</Alert> : null}
      {r.profile ? (
        <Box>
          <Typography variant="body2" color="text.secondary">{translate('measures.couple.descriptive')}</Typography>
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto auto', gap: 0.5, mt: 1 }}>
            {PROFILE_DIMENSIONS.map((d) => (
              <Box key={d} sx={{ display: 'contents' }}>
                <Box component="dt">{text(PROFILE_DIMENSION_LABELS[d])}</Box>
                <Box component="dd" sx={{ m: 0, textAlign: 'right', fontWeight: 600 }}>{r.profile!.dimensions[d] ?? '–'}</Box>
              </Box>
            ))}
          </Box>
          {measure.playbook ? <PlaybookList text={text} playbook={measure.playbook} heading={translate('measures.couple.playbook')} kindLabel={(k) => translate(`measures.kind.${k}`)} /> : null}
          {measure.partnerProfile ? <PartnersSideBySide own={r.profile} partner={measure.partnerProfile} pattern={measure.partnerPattern} /> : null}
        </Box>
      ) : null}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 2 }} lang="en" data-verbatim>{measure.definition.licence.attribution}</Typography>
      <Button component={RouterLink} to="/measures" sx={{ mt: 2 }}>{translate('measures.portal.title')}</Button>
    </Box>
  );
};

/** Answers one questionnaire, one question per screen; each answer is kept as a draft so the client can stop and resume. */
export const AnswerMeasurePage = () => {
  const { id } = useParams();
  const translate = useTranslate();
  const errorText = useErrorText();
  const text = useMeasureText();
  const queryClient = useQueryClient();
  const { data, isPending, error, refetch } = useQuery({ queryKey: ['portal', 'measure', id], queryFn: () => measuresApi.myMeasure(id!) });
  const [values, setValues] = useState<Values | null>(null);
  const [share, setShare] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const key = useRef(newIdempotencyKey());
  const isProfile = data?.measureKey === COMMUNICATION_PROFILE.key;
  const steps: QuestionStep[] = useMemo(() => {
    if (!data) return [];
    const safety = isProfile ? SAFETY_SCREEN_ITEMS.map((item, i) => ({ group: 'safety' as const, item, ...(i === 0 ? { intro: translate('measures.portal.safety_intro') } : {}) })) : [];
    return [...safety, ...data.definition.items.map((item, i) => ({ group: 'answers' as const, item, ...(i === 0 ? { intro: text(data.definition.instructions) } : {}) }))];
  }, [data, isProfile, translate, text]);
  if (isPending) return <LoadingBlock />;
  if (error) return <LoadError error={error} onRetry={() => void refetch()} />;
  const current: Values = values ?? { answers: data.draft?.answers ?? {}, safety: data.draft?.safety ?? {} };
  if (data.status === 'completed') return (<Box><PageTitle>{text(data.title)}</PageTitle><Result measure={data} /></Box>);
  if (data.status === 'expired') return (<Box><PageTitle>{text(data.title)}</PageTitle><Alert severity="info">{translate('measures.portal.expired')}</Alert></Box>);

  const answer = (group: 'answers' | 'safety', itemKey: string, value: number) => {
    const next = { ...current, [group]: { ...current[group], [itemKey]: value } };
    setValues(next);
    void measuresApi.saveDraft(data.id, { answers: next.answers, ...(isProfile ? { safety: next.safety } : {}) }).catch(() => undefined);
  };
  const send = async () => {
    setSending(true);
    setSendError(null);
    try {
      const done = await measuresApi.submit(data.id, { answers: current.answers, ...(isProfile ? { safety: current.safety, sharedWithPartner: share } : {}) }, key.current);
      queryClient.setQueryData(['portal', 'measure', id], done);
      await queryClient.invalidateQueries({ queryKey: myMeasuresKey });
    } catch (e) {
      setSendError(errorText(e));
    } finally {
      setSending(false);
    }
  };
  return (
    <Box>
      <PageTitle>{text(data.title)}</PageTitle>
      <QuestionStepper
        key={data.id}
        steps={steps}
        values={current}
        start={firstOpenStep(steps, current)}
        onAnswer={answer}
        words={{
          questionOf: (n, total) => translate('measures.portal.question_of', { n, total }),
          next: translate('measures.portal.next'),
          back: translate('measures.portal.back'),
          choose: translate('measures.portal.choose'),
          text,
        }}
        finish={(
          <Box>
            {isProfile ? (
              <FormControlLabel control={<Checkbox checked={share} onChange={(e) => setShare(e.target.checked)} />} label={translate('measures.portal.share')} />
            ) : null}
            {sendError ? <Alert severity="error" sx={{ my: 1 }}>{sendError}</Alert> : null}
            <Box><Button variant="contained" size="large" onClick={() => void send()} disabled={sending}>{translate('measures.portal.send')}</Button></Box>
          </Box>
        )}
      />
    </Box>
  );
};
