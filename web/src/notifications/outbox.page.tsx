import { Alert, Box, Card, CardContent, Chip, Link, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useTranslate } from 'react-admin';
import { notificationsApi } from './notifications-api';
import { useErrorText } from '../shared/use-error-text';
import { useFormatDate } from '../shared/use-format';

export const OUTBOX_PATH = '/outbox';

/** Admin → Outbox: every e-mail, with to, subject, body, links and state; where the kept ones are read. */
export const OutboxPage = () => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const { data, error } = useQuery({ queryKey: ['outbox'], queryFn: () => notificationsApi.outbox(), refetchInterval: 15_000 });
  return (
    <Box component="section" sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('notifications.outbox.heading')} />
      <Typography component="h2" variant="h5" sx={{ mb: 1 }}>{translate('notifications.outbox.heading')}</Typography>
      <Typography sx={{ mb: 2 }}>{translate('notifications.outbox.intro')}</Typography>
      {error ? <Alert severity="error">{errorText(error)}</Alert> : null}
      {data && data.length === 0 ? <Typography>{translate('notifications.outbox.empty')}</Typography> : null}
      <Stack spacing={2}>
        {data?.map((m) => (
          <Card key={m.id} component="article" aria-label={m.subject}>
            <CardContent>
              <Stack direction="row" spacing={1} sx={{ mb: 1, flexWrap: 'wrap' }}>
                <Chip size="small" label={translate(`notifications.outbox.states.${m.state}`)} color={m.state === 'sent' ? 'success' : m.state === 'given_up' ? 'error' : 'default'} />
                <Typography variant="body2">{translate('notifications.outbox.attempts')}: {m.attempts}</Typography>
                <Typography variant="body2">{formatDate(m.createdAt, 'dateTime')}</Typography>
              </Stack>
              <Typography variant="body2"><strong>{translate('notifications.outbox.to')}:</strong> {m.to}</Typography>
              <Typography component="h3" variant="subtitle1"><strong>{translate('notifications.outbox.subject')}:</strong> {m.subject}</Typography>
              <Typography component="pre" variant="body2" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', my: 1 }}>{m.text}</Typography>
              {m.links.map((link) => (
                <Typography key={link} variant="body2" sx={{ wordBreak: 'break-all' }}>
                  <strong>{translate('notifications.outbox.links')}:</strong> <Link href={link}>{link}</Link>
                </Typography>
              ))}
              {m.lastAnswer ? <Typography variant="body2" color="text.secondary">{translate('notifications.outbox.last_answer')}: {m.lastAnswer}</Typography> : null}
            </CardContent>
          </Card>
        ))}
      </Stack>
    </Box>
  );
};
