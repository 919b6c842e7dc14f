import { scaleScoreInputSchema, type CaseDto } from '@attune/domain';
import AddchartIcon from '@mui/icons-material/Addchart';
import { RadioButtonGroupInput, SelectInput, TextInput, useDataProvider } from 'react-admin';
import { zodFormValidator } from '../../../forms/zod-form-validator';
import { SCALE_CHOICES } from '../../../shared/choices';
import { FormDialog } from '../../../shared/form-dialog';
import { useCaseClients } from '../../../shared/use-case-clients';

const validateScore = zodFormValidator(scaleScoreInputSchema);

/** Records a rating on the 1-10 scale with the two follow-up questions, as the practitioner heard it. */
export const RecordScoreButton = ({ record }: { record: CaseDto }) => {
  const dataProvider = useDataProvider();
  const { clients } = useCaseClients(record.clientIds);
  if (record.status === 'closed') return null;
  return (
    <FormDialog
      buttonLabel="attune.progress.record_score"
      title="attune.progress.record_score"
      buttonIcon={<AddchartIcon />}
      successMessage="attune.progress.score_recorded"
      validate={validateScore}
      defaultValues={{ caseId: record.id, source: 'practitioner', clientId: record.clientIds.length === 1 ? record.clientIds[0] : undefined }}
      onSubmit={(values) => dataProvider.create('scale-scores', { data: { ...values, recordedAt: new Date().toISOString() } })}
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
