import type { AssignmentDto, CaseDto, ExerciseDto } from '@attune/domain';
import { Box, Card, CardContent, Grid, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { AnswersView } from '../../../shared/answers.view';
import { useExerciseWords } from '../../../shared/exercise-title';
import { SectionHeading } from '../../../shared/section-heading';
import { useCaseClients } from '../../../shared/use-case-clients';
import { useFormatDate } from '../../../shared/use-format';
import { useCaseHomework } from './use-case-homework';

/** Exercises whose answers put the client's own words at the top of the case. */
export const OWN_WORDS_EXERCISES = ['miracle-question', 'prevention-plan'] as const;

/** The latest answered assignment of an exercise (by key) for each client, newest first. */
export function latestAnswers(
  assignments: readonly AssignmentDto[],
  exerciseOf: (a: AssignmentDto) => Pick<ExerciseDto, 'key'> | undefined,
  key: string,
): AssignmentDto[] {
  const latest = new Map<string, AssignmentDto>();
  for (const a of assignments) {
    if (!a.response || (a.status !== 'submitted' && a.status !== 'reviewed')) continue;
    if (exerciseOf(a)?.key !== key) continue;
    const previous = latest.get(a.clientId);
    if (!previous || (a.submittedAt ?? '') > (previous.submittedAt ?? '')) latest.set(a.clientId, a);
  }
  return [...latest.values()].sort((x, y) => (y.submittedAt ?? '').localeCompare(x.submittedAt ?? ''));
}

/** Presenting concern, latest miracle-question answer and prevention plan, in the client's words. */
export const ClientWordsSection = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { assignments, exerciseOf } = useCaseHomework(record.id);
  const exerciseWords = useExerciseWords();
  // a built-in exercise's questions in the user's language
  const wordsOf = (exercise: ExerciseDto | undefined) => (exercise ? exerciseWords(exercise).fields : []);
  const { nameOf } = useCaseClients(record.clientIds);
  return (
    <Card component="section" aria-labelledby="own-words-heading">
      <CardContent>
        <SectionHeading id="own-words-heading">{translate('attune.workspace.own_words')}</SectionHeading>
        <Grid container spacing={3}>
          <Grid size={{ xs: 12, md: 4 }}>
            <Typography component="h4" variant="subtitle1" sx={{ fontWeight: 600 }}>
              {translate('resources.cases.fields.presentingConcern')}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} color={record.presentingConcern ? 'text.primary' : 'text.secondary'}>
              {record.presentingConcern || translate('attune.workspace.not_recorded')}
            </Typography>
          </Grid>
          {OWN_WORDS_EXERCISES.map((key) => {
            const answers = latestAnswers(assignments, exerciseOf, key);
            return (
              <Grid key={key} size={{ xs: 12, md: 4 }}>
                <Typography component="h4" variant="subtitle1" sx={{ fontWeight: 600 }}>
                  {translate(`attune.workspace.own_words_${key.replace('-', '_')}`)}
                </Typography>
                {answers.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    {translate('attune.workspace.not_answered_yet')}
                  </Typography>
                ) : (
                  answers.map((answer) => (
                    <Box key={answer.id} sx={{ mb: 2 }}>
                      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
                        {nameOf(answer.clientId)} · {formatDate(answer.submittedAt)}
                      </Typography>
                      <AnswersView fields={wordsOf(exerciseOf(answer))} response={answer.response} />
                    </Box>
                  ))
                )}
              </Grid>
            );
          })}
        </Grid>
      </CardContent>
    </Card>
  );
};
