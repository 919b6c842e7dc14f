import { PROFILE_DIMENSION_LABELS, PROFILE_DIMENSIONS, PUBLIC_TEST_MAX_AGE_SECONDS, type PublicTestDto, type PublicTestResultDto } from '@attune/domain';
import { Alert, Box, Button, Checkbox, Container, CssBaseline, FormControlLabel, Stack, TextField, ThemeProvider, Typography, createTheme } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { HttpError } from 'react-admin';
import { attuneTheme } from '../layout/theme';
import { measuresEnMessages } from './measures.messages';
import { measuresZhMessages } from './measures.zh.messages';
import { measuresApi } from './measures-api';
import { PlaybookList } from './playbook.list';
import { QuestionStepper, type QuestionStep } from './question-stepper';

import type { PublicTestLang as Lang } from './public-test-route';
type Values = Record<'answers' | 'safety', Record<string, number | null>>;

function wordsOf(lang: Lang) {
  const m = (lang === 'zh' ? measuresZhMessages : measuresEnMessages).measures;
  const fill = (s: string, params: Record<string, string | number> = {}) => s.replace(/%\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  return { m, fill, text: (t: { en: string; 'zh-CN': string }) => (lang === 'zh' ? t['zh-CN'] : t.en) };
}

const theme = createTheme(attuneTheme as object);

/**
 * The practice's public relationship test, outside the signed-in app: no account, no cookie, no
 * tracking. The safety screen comes first, then the profile one question per screen; the result
 * and playbook show right here. Only with consent and a contact is anything sent to the practice.
 */
export const PublicTestPage = ({ slug, initialLang }: { slug: string; initialLang: Lang }) => {
  const [lang, setLang] = useState<Lang>(initialLang);
  const { m, fill, text } = useMemo(() => wordsOf(lang), [lang]);
  const [test, setTest] = useState<PublicTestDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const [values, setValues] = useState<Values>({ answers: {}, safety: {} });
  const [result, setResult] = useState<PublicTestResultDto | null>(null);
  const [contact, setContact] = useState({ name: '', email: '', phone: '', message: '', website: '' });
  const [consent, setConsent] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = m.public.title;
  }, [lang, m]);
  useEffect(() => {
    measuresApi.publicTest(slug).then(setTest, (e: unknown) => setLoadError(e instanceof HttpError && e.status === 404 ? m.public.not_found : String((e as Error).message)));
  }, [slug]);
  useEffect(() => { resultRef.current?.focus(); }, [result]);

  const steps: QuestionStep[] = test
    ? [
      ...test.safetyItems.map((item, i) => ({ group: 'safety' as const, item, ...(i === 0 ? { intro: m.public.safety_intro } : {}) })),
      ...test.definition.items.map((item, i) => ({ group: 'answers' as const, item, ...(i === 0 ? { intro: text(test.definition.instructions) } : {}) })),
    ]
    : [];

  const submit = async (send: boolean) => {
    if (!test) return;
    setBusy(true);
    setSendError(null);
    try {
      const body = {
        answers: values.answers, safety: values.safety, startedAt: test.startedAt, startToken: test.startToken, locale: lang === 'zh' ? 'zh-CN' as const : 'en' as const,
        ...(contact.website ? { website: contact.website } : {}),
        ...(send ? {
          consent: true,
          contact: { name: contact.name, ...(contact.email ? { email: contact.email } : {}), ...(contact.phone ? { phone: contact.phone } : {}), ...(contact.message ? { message: contact.message } : {}) },
        } : {}),
      };
      setResult(await measuresApi.sendPublicTest(slug, body));
    } catch (e) {
      const status: unknown = e instanceof HttpError ? e.status : undefined;
      const body = e instanceof HttpError ? (e.body as { errors?: Record<string, string> } | undefined) : undefined;
      const expired = Date.now() - test.startedAt > PUBLIC_TEST_MAX_AGE_SECONDS * 1000;
      setSendError(
        status === 409 ? m.public.already_sent
          : status === 429 ? m.public.try_later
            : body?.errors?.startedAt ? (expired ? m.public.expired : m.public.slow_down)
              : Object.entries(body?.errors ?? {}).map(([k, v]) => `${k}: ${v}`).join('; ') || (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Container maxWidth="sm" component="main" sx={{ py: 3 }}>
        <Stack direction="row" justifyContent="space-between" alignItems="center">
          <Typography component="h1" variant="h4" sx={{ fontWeight: 600, fontSize: { xs: '1.6rem', sm: '2rem' } }}>{m.public.title}</Typography>
          <Button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>{m.public.language}</Button>
        </Stack>
        {test ? <Typography color="text.secondary" sx={{ mb: 2 }}>{test.practiceName}</Typography> : null}
        {loadError ? <Alert severity="info">{loadError}</Alert> : null}
        {test && !started ? (
          <Box>
            <Typography sx={{ mb: 1 }}>{m.public.intro}</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{m.couple.descriptive}</Typography>
            <Button variant="contained" size="large" onClick={() => setStarted(true)}>{m.public.start}</Button>
          </Box>
        ) : null}
        {test && started && !result ? (
          <QuestionStepper
            steps={steps}
            values={values}
            onAnswer={(group, key, value) => setValues((v) => ({ ...v, [group]: { ...v[group], [key]: value } }))}
            words={{ questionOf: (n, total) => fill(m.portal.question_of, { n, total }), next: m.portal.next, back: m.portal.back, choose: m.portal.choose, text }}
            finish={(
              <Box>
                {sendError ? <Alert severity="warning" sx={{ mb: 1 }}>{sendError}</Alert> : null}
                <Button variant="contained" size="large" disabled={busy} onClick={() => void submit(false)}>{m.public.see_result}</Button>
              </Box>
            )}
          />
        ) : null}
        {result && test ? (
          <Box>
            <Typography ref={resultRef} tabIndex={-1} component="h2" variant="h5" sx={{ fontWeight: 600, mt: 2, outline: 'none' }}>{m.public.result_title}</Typography>
            <Typography variant="body2" color="text.secondary">{m.couple.descriptive}</Typography>
            {result.safetyConcern ? <Alert severity="warning" sx={{ mt: 1 }}>{m.public.safety_note}</Alert> : null}
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: 0.5, mt: 1 }}>
              {PROFILE_DIMENSIONS.map((d) => (
                <Box key={d} sx={{ display: 'contents' }}>
                  <Box component="dt">{text(PROFILE_DIMENSION_LABELS[d])}</Box>
                  <Box component="dd" sx={{ m: 0, fontWeight: 600 }}>{result.profile.dimensions[d] ?? '–'} / 100</Box>
                </Box>
              ))}
            </Box>
            <PlaybookList text={text} playbook={result.playbook} heading={m.public.playbook} kindLabel={(k) => m.kind[k as keyof typeof m.kind]} />
            {result.sent ? <Alert severity="success" sx={{ mt: 2 }}>{m.public.sent}</Alert> : (
              <Box component="form" sx={{ mt: 3 }} onSubmit={(e) => { e.preventDefault(); void submit(true); }}>
                <Typography component="h2" variant="h6" sx={{ fontWeight: 600 }}>{fill(m.public.send_title, { practice: test.practiceName })}</Typography>
                <Typography variant="body2" sx={{ mb: 1 }}>{m.public.send_intro}</Typography>
                <Stack spacing={2}>
                  <TextField label={m.public.name} required value={contact.name} onChange={(e) => setContact({ ...contact, name: e.target.value })} />
                  <TextField label={m.public.email} type="email" value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} />
                  <TextField label={m.public.phone} type="tel" value={contact.phone} onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
                  <TextField label={m.public.message} multiline minRows={2} value={contact.message} onChange={(e) => setContact({ ...contact, message: e.target.value })} />
                  {/* The honeypot: hidden from people and from assistive technology, filled only by bots. */}
                  <Box aria-hidden="true" sx={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
                    <label>{m.public.website}<input tabIndex={-1} autoComplete="off" name="website" value={contact.website} onChange={(e) => setContact({ ...contact, website: e.target.value })} /></label>
                  </Box>
                  <FormControlLabel control={<Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} required />} label={fill(m.public.consent, { practice: test.practiceName })} />
                  {sendError ? <Alert severity="warning">{sendError}</Alert> : null}
                  <Box><Button type="submit" variant="contained" disabled={busy || !consent || !contact.name}>{m.public.send}</Button></Box>
                </Stack>
              </Box>
            )}
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 3 }} lang="en" data-verbatim>{test.definition.licence.attribution}</Typography>
          </Box>
        ) : null}
      </Container>
    </ThemeProvider>
  );
};
