import { caseExceptionInputSchema, recordedTimeRefinement, type CaseDto, type CaseExceptionDto, type SessionDto } from '@attune/domain';
import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Chip, Grid, Skeleton, Stack, Typography } from '@mui/material';
import { lazy, Suspense, useMemo } from 'react';
import { DataTable, FunctionField, Pagination, ReferenceManyField, useDataProvider, useTranslate } from 'react-admin';
import { shapeExceptionPatterns, type PatternCondition } from '../../../charts/exception-patterns.shape';
import { useTagText } from '../../../shared/use-tag-text';
import { zodFormValidator } from '../../../forms/zod-form-validator';
import { FormDialog } from '../../../shared/form-dialog';
import { SectionHeading } from '../../../shared/section-heading';
import { useCaseClients } from '../../../shared/use-case-clients';
import { DateText } from '../../../shared/use-format';
import { visuallyHidden } from '../../../shared/visually-hidden';
import { EntryNotes, ExceptionActions } from './entry-actions';
import { ExceptionDetailButton } from './exception-detail.dialog';
import { ExceptionInputs } from './exception.inputs';
import { sessionMoment } from './record-score.dialog';
import { useExceptionPatterns } from './use-case-queries';
import { useErrorText } from '../../../shared/use-error-text';

const ExceptionPatternsChart = lazy(() =>
  import('../../../charts/exception-patterns.chart').then((m) => ({ default: m.ExceptionPatternsChart })),
);

type ExceptionRow = CaseExceptionDto & { source: 'practitioner' | 'client' };

/**
 * Logs an exception the practitioner heard: from the case page, now; from a session's page, at the
 * session, starting from what its note says under "Exceptions heard".
 */
export const LogExceptionButton = ({ record, session }: { record: CaseDto; session?: SessionDto }) => {
  const dataProvider = useDataProvider();
  const validate = useMemo(
    () => zodFormValidator(caseExceptionInputSchema.superRefine(recordedTimeRefinement('occurredAt', record.openedAt))),
    [record.openedAt],
  );
  if (record.status === 'closed') return null;
  return (
    <FormDialog
      buttonLabel="attune.exceptions.log"
      title="attune.exceptions.log"
      buttonIcon={<AddIcon />}
      successMessage="attune.exceptions.logged"
      validate={validate}
      maxWidth="md"
      defaultValues={{
        caseId: record.id,
        clientId: (session?.attendeeIds ?? record.clientIds).length === 1 ? (session?.attendeeIds ?? record.clientIds)[0] : undefined,
        occurredAt: sessionMoment(session),
        tags: [],
        ...(session?.note.exceptionsHeard?.trim() ? { context: session.note.exceptionsHeard.trim() } : {}),
      }}
      onSubmit={(values) => dataProvider.create('exceptions', { data: values })}
    >
      <ExceptionInputs record={record} />
    </FormDialog>
  );
};

const PatternView = ({ caseId }: { caseId: string }) => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const { data: raw, isPending, error } = useExceptionPatterns(caseId);
  const tagText = useTagText();
  const view = useMemo(() => shapeExceptionPatterns(raw), [raw]);
  const shownTags = useMemo(() => view.tags.map((t) => ({ ...t, tag: tagText(t.tag) })), [view.tags, tagText]);
  /** A condition in the user's language: a time of the week or day from its key, a pair from its tags, a client by name. */
  const conditionText = (c: PatternCondition) => {
    if ((c.dimension === 'day_type' || c.dimension === 'time_of_day') && c.key) return translate(`attune.exceptions.when.${c.key}`, { _: c.label });
    if (c.tags) return c.tags.map(tagText).join(' + ');
    return c.label;
  };
  return (
    <Box component="section" aria-labelledby="patterns-heading" sx={{ mt: 3 }}>
      <SectionHeading id="patterns-heading" level={4}>
        {translate('attune.exceptions.patterns')}
      </SectionHeading>
      {error ? <Alert severity="error">{errorText(error)}</Alert> : null}
      {isPending ? (
        <Skeleton variant="rectangular" height={160} />
      ) : view.tags.length === 0 ? (
        <Typography color="text.secondary">{translate('attune.exceptions.no_patterns')}</Typography>
      ) : (
        <Grid container spacing={3}>
          <Grid size={{ xs: 12, md: 7 }}>
            <Suspense fallback={<Skeleton variant="rectangular" height={160} />}>
              <ExceptionPatternsChart tags={shownTags} />
            </Suspense>
            <Box sx={visuallyHidden}>
              <table>
                <caption>{translate('attune.exceptions.patterns_table')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{translate('attune.exceptions.col_tag')}</th>
                    <th scope="col">{translate('attune.exceptions.col_count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shownTags.map((t) => (
                    <tr key={t.tag}>
                      <td>{t.tag}</td>
                      <td>{t.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Box>
          </Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate('attune.exceptions.patterns_summary', {
                tag: shownTags[0]!.tag,
                smart_count: view.tags[0]!.count,
              })}
            </Typography>
            {view.conditions.length > 0 ? (
              <>
                <Typography component="h5" variant="subtitle2">
                  {translate('attune.exceptions.conditions')}
                </Typography>
                <Box component="ul" sx={{ pl: 3, my: 0.5 }}>
                  {view.conditions.slice(0, 6).map((c) => (
                    <li key={c.label}>
                      <Typography variant="body2">
                        {conditionText(c)}
                        {c.count !== null ? ` (${c.count})` : ''}
                      </Typography>
                    </li>
                  ))}
                </Box>
              </>
            ) : null}
          </Grid>
        </Grid>
      )}
    </Box>
  );
};

/** The exception log of the case, a way to add to it, and the conditions under which exceptions occur. */
export const ExceptionsSection = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const tagText = useTagText();
  const { nameOf } = useCaseClients(record.clientIds);
  return (
    <Box component="section" aria-labelledby="exceptions-heading">
      <SectionHeading id="exceptions-heading" actions={<LogExceptionButton record={record} />}>
        {translate('attune.exceptions.heading')}
      </SectionHeading>
      <ReferenceManyField
        reference="exceptions"
        target="caseId"
        sort={{ field: 'occurredAt', order: 'DESC' }}
        perPage={20}
        pagination={<Pagination rowsPerPageOptions={[20]} />}
        empty={<Typography color="text.secondary">{translate('attune.exceptions.none')}</Typography>}
      >
        <DataTable bulkActionButtons={false} rowClick={false}>
          <DataTable.Col source="occurredAt">
            <DateText source="occurredAt" />
          </DataTable.Col>
          <DataTable.Col source="clientId" disableSort>
            <FunctionField<CaseExceptionDto> render={(e) => nameOf(e.clientId)} />
          </DataTable.Col>
          <DataTable.Col source="context" disableSort>
            <FunctionField<CaseExceptionDto>
              render={(e) => (
                <Box>
                  <Typography variant="body2">{e.context}</Typography>
                  {e.behavior ? (
                    <Typography variant="caption" color="text.secondary">
                      {e.behavior}
                    </Typography>
                  ) : null}
                </Box>
              )}
            />
          </DataTable.Col>
          <DataTable.Col source="tags" disableSort>
            <FunctionField<CaseExceptionDto>
              render={(e) => (
                <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
                  {(e.tags ?? []).map((tag) => (
                    <Chip key={tag} size="small" label={tagText(tag)} />
                  ))}
                  {e.significant ? <Chip size="small" color="primary" label={translate('resources.exceptions.fields.significant')} /> : null}
                </Stack>
              )}
            />
          </DataTable.Col>
          <DataTable.Col label="attune.client_words.col_notes" disableSort>
            <FunctionField<ExceptionRow> render={(e) => <EntryNotes entry={e} />} />
          </DataTable.Col>
          <DataTable.Col label="attune.client_words.col_actions" disableSort>
            <FunctionField<ExceptionRow>
              render={(e) => (
                <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
                  <ExceptionDetailButton exception={e} personName={nameOf(e.clientId)} />
                  <ExceptionActions exception={e} record={record} />
                </Stack>
              )}
            />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
      <PatternView caseId={record.id} />
    </Box>
  );
};
