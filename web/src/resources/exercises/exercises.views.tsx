import { customExerciseInputSchema, STAGES, type ExerciseDto } from '@attune/domain';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import LockIcon from '@mui/icons-material/Lock';
import {
  Alert,
  Box,
  Card,
  CardActionArea,
  CardContent,
  Chip,
  Grid,
  Skeleton,
  Stack,
  Typography,
  type TypographyProps,
} from '@mui/material';
import {
  Button,
  Create,
  CreateButton,
  Edit,
  EditButton,
  FilterButton,
  List,
  SelectInput,
  Show,
  SimpleForm,
  TopToolbar,
  useCreatePath,
  useListContext,
  useRecordContext,
  useTranslate,
  Link,
  NullableBooleanInput,
} from 'react-admin';
import { zodFormValidator } from '../../forms/zod-form-validator';
import { STAGE_CHOICES, stageTitleKey } from '../../shared/choices';
import { EnumChip } from '../../shared/enum-chip';
import { useExerciseTitle, useExerciseWords } from '../../shared/exercise-title';
import { QuickSearchInput } from '../../shared/quick-search.input';
import { SectionHeading } from '../../shared/section-heading';
import { toCustomExerciseInput, toExerciseCopy } from './exercise-input.shape';
import { useNavigate } from 'react-router-dom';
import { ExerciseFormPreview } from './exercise-form.preview';
import { ExerciseInputs } from './exercises.inputs';
import { ExportCsvButton } from '../../lists/export-csv.button';
import { useCadenceText } from '../../shared/cadence-text';

const validateExercise = zodFormValidator(customExerciseInputSchema, toCustomExerciseInput);

const exerciseFilters = [
  <QuickSearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="stage" source="stage" choices={STAGE_CHOICES} />,
  <NullableBooleanInput key="builtIn" source="builtIn" />,
];

export const BuiltInBadge = () => {
  const translate = useTranslate();
  return <Chip size="small" icon={<LockIcon />} label={translate('attune.exercises_library.built_in')} variant="outlined" />;
};


/** The library, one section per stage in order, built-in exercises first. */
const ExerciseLibrary = () => {
  const { data, isPending } = useListContext<ExerciseDto>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const exerciseTitle = useExerciseTitle();
  const cadenceText = useCadenceText();
  if (isPending) return <Skeleton variant="rectangular" height={240} />;
  const exercises = data ?? [];
  return (
    <Stack spacing={3} sx={{ p: 2 }}>
      {STAGES.map((stage) => {
        const ofStage = exercises
          .filter((e) => e.stage === stage.stage)
          .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || exerciseTitle(a).localeCompare(exerciseTitle(b)));
        if (ofStage.length === 0) return null;
        return (
          <Box component="section" key={stage.stage} aria-labelledby={`stage-${stage.stage}-heading`}>
            <SectionHeading id={`stage-${stage.stage}-heading`} level={2}>
              {translate('attune.stages.' + stage.stage + '.numbered')}
            </SectionHeading>
            <Grid container spacing={2}>
              {ofStage.map((exercise) => (
                <Grid key={exercise.id} size={{ xs: 12, sm: 6, lg: 4 }}>
                  <Card variant="outlined" sx={{ height: '100%' }}>
                    <CardActionArea
                      component={Link}
                      to={createPath({ resource: 'exercises', id: exercise.id, type: 'show' })}
                      sx={{ height: '100%', alignItems: 'flex-start' }}
                    >
                      <CardContent>
                        <Stack direction="row" spacing={1} alignItems="center" justifyContent="space-between">
                          <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
                            {exerciseTitle(exercise)}
                          </Typography>
                          {exercise.builtIn ? <BuiltInBadge /> : <Chip size="small" color="primary" variant="outlined" label={translate('attune.exercises_library.custom')} />}
                        </Stack>
                        {exercise.summary ? (
                          <ExerciseSummary exercise={exercise} variant="body2" color="text.secondary" sx={{ mt: 1 }} />
                        ) : null}
                        <Stack direction="row" spacing={1} sx={{ mt: 1 }} useFlexGap flexWrap="wrap">
                          <EnumChip enumeration="exercise_audience" value={exercise.audience} />
                          <Chip size="small" variant="outlined" label={cadenceText(exercise.cadence)} />
                        </Stack>
                      </CardContent>
                    </CardActionArea>
                  </Card>
                </Grid>
              ))}
            </Grid>
          </Box>
        );
      })}
      {exercises.length === 0 ? <Typography color="text.secondary">{translate('attune.exercises_library.none')}</Typography> : null}
    </Stack>
  );
};

const LibraryActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton label="attune.exercises_library.new" />
    <ExportCsvButton />
  </TopToolbar>
);

export const ExerciseList = () => (
  <List filters={exerciseFilters} sort={{ field: 'stage', order: 'ASC' }} perPage={200} pagination={false} actions={<LibraryActions />}>
    <ExerciseLibrary />
  </List>
);

/** An exercise's summary in the user's language (a custom one's as written). */
const ExerciseSummary = ({ exercise, ...props }: { exercise: ExerciseDto } & Omit<TypographyProps, 'children'>) => {
  const exerciseWords = useExerciseWords();
  const summary = exerciseWords(exercise).summary;
  return summary ? (
    <Typography {...props} lang={summary.lang}>
      {summary.text}
    </Typography>
  ) : null;
};

const ExerciseDetails = () => {
  const exercise = useRecordContext<ExerciseDto>();
  const translate = useTranslate();
  const exerciseTitle = useExerciseTitle();
  const exerciseWords = useExerciseWords();
  const cadenceText = useCadenceText();
  if (!exercise) return null;
  const words = exerciseWords(exercise);
  return (
    <Grid container spacing={3} sx={{ p: 2 }}>
      <Grid size={{ xs: 12, md: 6 }}>
        <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
          <Typography component="h2" variant="h5" sx={{ fontWeight: 600 }}>
            {exerciseTitle(exercise)}
          </Typography>
          {exercise.builtIn ? <BuiltInBadge /> : null}
        </Stack>
        <Stack direction="row" spacing={1} sx={{ mt: 1 }} useFlexGap flexWrap="wrap">
          <Chip size="small" label={`${exercise.stage} · ${translate(stageTitleKey(exercise.stage))}`} />
          <EnumChip enumeration="exercise_audience" value={exercise.audience} />
          <Chip size="small" variant="outlined" label={cadenceText(exercise.cadence)} />
        </Stack>
        {words.summary ? (
          <Typography variant="body1" lang={words.summary.lang} sx={{ mt: 2 }}>
            {words.summary.text}
          </Typography>
        ) : null}
        <Typography component="h3" variant="h6" sx={{ mt: 2 }}>
          {translate('resources.exercises.fields.instructions')}
        </Typography>
        <Typography variant="body2" lang={words.instructions.lang} sx={{ whiteSpace: 'pre-wrap' }}>
          {words.instructions.text}
        </Typography>
        {exercise.builtIn ? (
          <Alert severity="info" sx={{ mt: 2 }}>
            {translate('attune.exercises_library.built_in_read_only')}
          </Alert>
        ) : null}
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <ExerciseFormPreview fields={words.fields} />
      </Grid>
    </Grid>
  );
};

/** Opens the create form filled with a copy of this exercise, in the words shown on its page. */
const DuplicateExerciseButton = () => {
  const exercise = useRecordContext<ExerciseDto>();
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const exerciseTitle = useExerciseTitle();
  const exerciseWords = useExerciseWords();
  if (!exercise) return null;
  const duplicate = () => {
    const words = exerciseWords(exercise);
    const record = toExerciseCopy(
      exercise,
      { title: exerciseTitle(exercise), summary: words.summary?.text ?? null, instructions: words.instructions.text, fields: words.fields },
      translate('attune.exercises_library.copy_suffix'),
    );
    void navigate(createPath({ resource: 'exercises', type: 'create' }), { state: { record } });
  };
  return (
    <Button label="attune.exercises_library.duplicate" onClick={duplicate}>
      <ContentCopyIcon />
    </Button>
  );
};

const ExerciseShowActions = () => {
  const exercise = useRecordContext<ExerciseDto>();
  return (
    <TopToolbar>
      {exercise && !exercise.builtIn ? <EditButton /> : null}
      <DuplicateExerciseButton />
    </TopToolbar>
  );
};

export const ExerciseShow = () => (
  <Show actions={<ExerciseShowActions />}>
    <ExerciseDetails />
  </Show>
);

const NEW_EXERCISE = {
  stage: 4,
  audience: 'individual',
  cadence: { kind: 'once' },
  fields: [{ name: 'answer', label: '', kind: 'longText', required: true }],
};

export const ExerciseCreate = () => (
  <Create redirect="show" transform={toCustomExerciseInput}>
    <SimpleForm validate={validateExercise} defaultValues={NEW_EXERCISE}>
      <ExerciseInputs />
    </SimpleForm>
  </Create>
);

const BuiltInGuard = () => {
  const exercise = useRecordContext<ExerciseDto>();
  const translate = useTranslate();
  if (!exercise?.builtIn) return null;
  return (
    <Alert severity="warning" sx={{ m: 2 }}>
      {translate('attune.exercises_library.built_in_read_only')}
    </Alert>
  );
};

export const ExerciseEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" transform={toCustomExerciseInput}>
    <BuiltInGuard />
    <SimpleForm validate={validateExercise}>
      <ExerciseInputs />
    </SimpleForm>
  </Edit>
);
