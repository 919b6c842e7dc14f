import type { AssignmentDto } from '@attune/domain';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormatDate } from '../../../shared/use-format';

/** The notes a client wrote at each daily or weekly check-in of a homework, oldest first. */
export const CheckInNotes = ({ assignment }: { assignment: AssignmentDto }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const notes = assignment.checkInNotes;
  if (!notes) return null;
  const weekly = assignment.cadence?.kind === 'weekly';
  const headingId = `check-ins-${assignment.id}`;
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mb: 2 }}>
      <Typography id={headingId} component="h5" variant="subtitle2">
        {translate('records.check_ins.heading')}
      </Typography>
      {notes.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('records.check_ins.none')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ pl: 0, m: 0, listStyle: 'none' }}>
          {notes.map((n) => (
            <Box component="li" key={n.periodStart} sx={{ py: 0.5 }}>
              <Typography variant="caption" color="text.secondary" component="p">
                {translate(weekly ? 'records.check_ins.week' : 'records.check_ins.day', { date: formatDate(`${n.periodStart}T12:00:00Z`) })}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {n.note}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
};
