import { Typography } from '@mui/material';
import { TextInput, useTranslate } from 'react-admin';

const keepAsTyped = (value: string) => value;

/**
 * The required "Reason for the change" of a correction of a rating, an exception or homework: kept
 * with the case for the staff, never shown to the client, never in the audit log. The shared schema
 * checks it in the form; the API's field error lands here too.
 */
export const CorrectionReasonInput = () => (
  // kept as typed: a cleared field is "at least 3 characters", not react-admin's null ("must be text")
  <TextInput
    parse={keepAsTyped}
    source="reason"
    label="records.corrections.reason"
    helperText="records.corrections.reason_help"
    multiline
    minRows={2}
    isRequired
    fullWidth
  />
);

/** What a removal or withdrawal does, said before the reason is asked for. */
export const CorrectionNotice = ({ text }: { text: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" sx={{ mb: 1 }}>
      {translate(text)}
    </Typography>
  );
};
