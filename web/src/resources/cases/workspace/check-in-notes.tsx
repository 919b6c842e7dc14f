import type { AssignmentDto } from '@attune/domain';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormatDate } from '../../../shared/use-format';

/**
 * The check-ins of a daily or weekly homework as its cadence lays them out (each day or week done,
 * missed, running or coming up), and the notes the client wrote at them, oldest first.
 */
export const CheckInNotes = ({ assignment }: { assignment: AssignmentDto }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const notes = assignment.checkInNotes;
  if (!notes) return null;
  const weekly = assignment.cadence?.kind === 'weekly';
  const headingId = `check-ins-${assignment.id}`;
  const calendar = assignment.checkIns ?? [];
  const periodText = (start: string) => translate(weekly ? 'records.check_ins.week' : 'records.check_ins.day', { date: formatDate(`${start}T12:00:00Z`) });
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mb: 2 }}>
      <Typography id={headingId} component="h5" variant="subtitle2">
        {translate('records.check_ins.heading')}
      </Typography>
      {calendar.length > 0 ? (
        <>
          <Typography variant="body2" color="text.secondary">
            {translate('records.check_ins.summary', { done: calendar.filter((p) => p.state === 'done').length, total: calendar.length })}
          </Typography>
          <Box component="ol" aria-label={translate('records.check_ins.calendar')} sx={{ pl: 0, my: 0.5, listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
            {calendar.map((p) => (
              <Box component="li" key={p.start} sx={{ px: 1, py: 0.25, border: 1, borderRadius: 1, borderColor: p.state === 'due' ? 'primary.main' : 'divider' }}>
                <Typography variant="caption">
                  {translate('records.check_ins.period_state', { period: periodText(p.start), state: translate(`records.check_ins.state_${p.state}`) })}
                </Typography>
              </Box>
            ))}
          </Box>
        </>
      ) : null}
      {notes.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('records.check_ins.none')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ pl: 0, m: 0, listStyle: 'none' }}>
          {notes.map((n) => (
            <Box component="li" key={n.periodStart} sx={{ py: 0.5 }}>
              <Typography variant="caption" color="text.secondary" component="p">
                {periodText(n.periodStart)}
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
