import { recordedTimeRefinement, scaleScoreInputSchema, type CaseDto, type SessionDto } from '@attune/domain';
import AddchartIcon from '@mui/icons-material/Addchart';
import { useMemo } from 'react';
import { RadioButtonGroupInput, SelectInput, TextInput, useDataProvider } from 'react-admin';
import { zodFormValidator } from '../../../forms/zod-form-validator';
import { SCALE_CHOICES } from '../../../shared/choices';
import { FormDialog } from '../../../shared/form-dialog';
import { useCaseClients } from '../../../shared/use-case-clients';


/** When a rating heard in `session` happened: the session's start, or now while it is still running. */
export function sessionMoment(session: Pick<SessionDto, 'startsAt'> | undefined): string {
  const now = new Date();
  if (!session) return now.toISOString();
  return Date.parse(session.startsAt) < now.getTime() ? session.startsAt : now.toISOString();
}

/**
 * Records a rating on the 1-10 scale with the two follow-up questions, as the practitioner heard it:
 * from the case page, now; from a session's page, at the session and linked to it.
 */
export const RecordScoreButton = ({ record, session }: { record: CaseDto; session?: SessionDto }) => {
  const dataProvider = useDataProvider();
  const { clients } = useCaseClients(record.clientIds);
  const attendees = session?.attendeeIds ?? record.clientIds;
  // the form checks the time with libs' rule, as the API will
  const validateScore = useMemo(() => zodFormValidator(
    scaleScoreInputSchema.superRefine(recordedTimeRefinement('recordedAt', record.openedAt)),
    (values: Record<string, unknown>) => ({ ...values, recordedAt: sessionMoment(session) }),
  ), [record.openedAt, session]);
  if (record.status === 'closed') return null;
  return (
    <FormDialog
      buttonLabel="attune.progress.record_score"
      title="attune.progress.record_score"
      buttonIcon={<AddchartIcon />}
      successMessage="attune.progress.score_recorded"
      validate={validateScore}
      defaultValues={{ caseId: record.id, source: 'practitioner', clientId: attendees.length === 1 ? attendees[0] : undefined }}
      onSubmit={(values) => dataProvider.create('scale-scores', {
        data: { ...values, recordedAt: sessionMoment(session), ...(session ? { sessionId: session.id } : {}) },
      })}
    >
      <RadioButtonGroupInput
        source="clientId"
        resource="scale-scores"
        choices={clients.map((c) => ({ id: c.id, name: c.displayName }))}
        translateChoice={false}
        isRequired
      />
      <SelectInput source="score" resource="scale-scores" choices={SCALE_CHOICES} translateChoice={false} isRequired helperText="attune.progress.score_help" />
      <TextInput source="keepsFromLower" resource="scale-scores" multiline minRows={2} />
      <TextInput source="onePointHigher" resource="scale-scores" multiline minRows={2} />
    </FormDialog>
  );
};
