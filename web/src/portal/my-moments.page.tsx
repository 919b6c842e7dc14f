import type { MyExceptionDto } from '@attune/domain';
import { Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useFormatDate } from '../shared/use-format';
import { portalApi, portalKeys } from './portal-api';
import { LoadError, LoadingBlock, PageTitle } from './portal-ui';
import { useTagText } from '../shared/use-tag-text';

const Line = ({ label, text }: { label: string; text: string | null | undefined }) => {
  const translate = useTranslate();
  return text ? (
    <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
      <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
        {translate('records.label_colon', { label })}
      </Typography>{' '}
      {text}
    </Typography>
  ) : null;
};

const Moment = ({ moment }: { moment: MyExceptionDto }) => {
  const translate = useTranslate();
  const tagText = useTagText();
  const formatDate = useFormatDate();
  const deep = moment.deep;
  const headingId = `moment-${moment.id}`;
  return (
    <Paper component="li" variant="outlined" aria-labelledby={headingId} sx={{ p: 2, mb: 1.5, overflowWrap: 'anywhere' }}>
      <Typography variant="caption" color="text.secondary" component="p">
        {formatDate(moment.occurredAt, 'dateTime')}
      </Typography>
      <Typography id={headingId} component="h2" variant="subtitle1" sx={{ fontWeight: 600, whiteSpace: 'pre-wrap' }}>
        {moment.context}
      </Typography>
      <Line label={translate('records.portal.what_i_did')} text={moment.behavior} />
      <Line label={translate('records.portal.thoughts')} text={moment.thoughts} />
      <Line label={translate('records.portal.emotions')} text={moment.emotions} />
      <Line label={translate('records.portal.meaning')} text={moment.meaning} />
      {deep && (deep.bodily || deep.capacity || deep.ifMoreOften) ? (
        <Box sx={{ mt: 1 }}>
          <Typography component="h3" variant="subtitle2">
            {translate('records.portal.deep_heading')}
          </Typography>
          <Line label={translate('records.exception.bodily')} text={deep.bodily} />
          <Line label={translate('records.exception.capacity')} text={deep.capacity} />
          <Line label={translate('records.exception.if_more_often')} text={deep.ifMoreOften} />
        </Box>
      ) : null}
      {moment.tags.length > 0 ? (
        <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" sx={{ mt: 1 }}>
          {moment.tags.map((tag) => (
            <Chip key={tag} size="small" label={tagText(tag)} />
          ))}
        </Stack>
      ) : null}
    </Paper>
  );
};

/** "My good moments": the exceptions the client logged, to reread, newest first. */
export const MyMomentsPage = () => {
  const translate = useTranslate();
  const query = useQuery({ queryKey: portalKeys.myExceptions, queryFn: portalApi.listMyExceptions });
  return (
    <Box>
      <PageTitle subtitle={translate('records.portal.moments_intro')}>{translate('records.portal.moments_title')}</PageTitle>
      {query.isPending ? (
        <LoadingBlock />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Box>
          <Typography sx={{ mb: 1 }}>{translate('records.portal.moments_none')}</Typography>
          <Button component={RouterLink} to="/log-moment" variant="contained">
            {translate('records.portal.log_one')}
          </Button>
        </Box>
      ) : (
        <Box component="ul" sx={{ p: 0, m: 0, listStyle: 'none' }}>
          {query.data.map((m) => (
            <Moment key={m.id} moment={m} />
          ))}
        </Box>
      )}
    </Box>
  );
};
