import type { CaseDto, SessionDto } from '@attune/domain';
import AddIcon from '@mui/icons-material/Add';
import { Box, Chip, Typography } from '@mui/material';
import { CreateButton, DataTable, FunctionField, Pagination, ReferenceManyField, useTranslate } from 'react-admin';
import { stageTitleKey } from '../../../shared/choices';
import { EnumChip } from '../../../shared/enum-chip';
import { SectionHeading } from '../../../shared/section-heading';
import { DateText } from '../../../shared/use-format';

/**
 * The note's state; an appointment that has not been held (booked ahead, cancelled, missed) has no
 * note to sign, so it shows the appointment's state instead of "Not signed".
 */
export const SignedChip = ({ session }: { session: Pick<SessionDto, 'signedAt' | 'status'> }) => {
  const translate = useTranslate();
  if (!session.signedAt && session.status && session.status !== 'held') {
    return <Chip size="small" variant="outlined" label={translate(`calendar.statuses.${session.status}`)} />;
  }
  return session.signedAt ? (
    <Chip size="small" color="success" variant="outlined" label={translate('attune.sessions.signed')} />
  ) : (
    <Chip size="small" color="warning" variant="outlined" label={translate('attune.sessions.unsigned')} />
  );
};

/** The case's sessions, newest first, with a way to record a new one. */
export const SessionsSection = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const newSession = {
    caseId: record.id,
    stage: record.stage,
    format: record.kind === 'couple' ? 'joint' : 'individual',
    attendeeIds: record.clientIds,
    durationMinutes: 50,
    note: {},
  };
  return (
    <Box component="section" aria-labelledby="sessions-heading">
      <SectionHeading
        id="sessions-heading"
        actions={
          record.status === 'open' ? (
            <CreateButton resource="sessions" state={{ record: newSession }} label="attune.sessions.new" icon={<AddIcon />} variant="outlined" />
          ) : null
        }
      >
        {translate('attune.sessions.heading')}
      </SectionHeading>
      <ReferenceManyField
        reference="sessions"
        target="caseId"
        sort={{ field: 'startsAt', order: 'DESC' }}
        perPage={20}
        pagination={<Pagination rowsPerPageOptions={[20]} />}
        empty={<Typography color="text.secondary">{translate('attune.sessions.none')}</Typography>}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="startsAt">
            <DateText source="startsAt" style="dateTime" />
          </DataTable.Col>
          <DataTable.Col source="stage">
            <FunctionField<SessionDto> render={(s) => `${s.stage} · ${translate(stageTitleKey(s.stage))}`} />
          </DataTable.Col>
          <DataTable.Col source="format">
            <FunctionField<SessionDto> render={(s) => <EnumChip enumeration="session_format" value={s.format} />} />
          </DataTable.Col>
          <DataTable.Col source="durationMinutes" />
          <DataTable.Col source="signedAt" label="attune.sessions.note_state">
            <FunctionField<SessionDto> render={(s) => <SignedChip session={s} />} />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Box>
  );
};
