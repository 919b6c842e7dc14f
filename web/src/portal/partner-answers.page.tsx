import { Box, Paper, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { AnswersView } from '../shared/answers.view';
import { useExerciseTitle, useExerciseWords } from '../shared/exercise-title';
import { useFormatDate } from '../shared/use-format';
import { portalApi, portalKeys } from './portal-api';
import { LoadError, LoadingBlock, PageTitle } from './portal-ui';

/** "Shared by my partner": only what the partner chose to share, once sent. */
export const PartnerAnswersPage = () => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const exerciseTitle = useExerciseTitle();
  const exerciseWords = useExerciseWords();
  const query = useQuery({ queryKey: portalKeys.partnerAnswers, queryFn: portalApi.getPartnerAnswers });
  return (
    <Box>
      <PageTitle subtitle={translate('portal.partner.intro')}>{translate('portal.partner.title')}</PageTitle>
      {query.isPending ? <LoadingBlock /> : query.isError ? <LoadError error={query.error} onRetry={() => void query.refetch()} /> : query.data.length === 0 ? (
        <Typography>{translate('portal.partner.none')}</Typography>
      ) : (
        <Box component="ul" sx={{ p: 0, m: 0, listStyle: 'none' }}>
          {query.data.map((answer) => (
            <Paper component="li" key={answer.id} variant="outlined" sx={{ p: 2, mb: 2 }}>
              <Typography component="h2" variant="h6" sx={{ fontWeight: 600 }}>{exerciseTitle({ key: answer.exerciseKey, title: answer.exerciseTitle })}</Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                {translate('portal.partner.shared_by', { name: answer.partnerName, date: answer.submittedAt ? formatDate(answer.submittedAt) : '' })}
              </Typography>
              <AnswersView fields={exerciseWords({ key: answer.exerciseKey, instructions: '', fields: answer.fields }).fields} response={answer.response} />
            </Paper>
          ))}
        </Box>
      )}
    </Box>
  );
};
