import { Typography, type TypographyProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import { scheduleLine } from './schedule';

/** "Day 12 · stage 2 · 5 days behind", from the case's read-only schedule fields. */
export const ScheduleText = ({ record, ...props }: { record: { day?: unknown; stage?: unknown; daysBehind?: unknown } } & TypographyProps) => {
  const translate = useTranslate();
  const line = scheduleLine(record);
  if (!line) return null;
  const state =
    line.state === 'on_schedule'
      ? translate('attune.schedule.on_schedule')
      : translate(`attune.schedule.${line.state}`, { smart_count: line.days });
  return (
    <Typography
      component="span"
      variant="body2"
      color={line.state === 'behind' ? 'warning.main' : 'text.secondary'}
      {...props}
    >
      {translate('attune.schedule.line', { day: line.day, stage: line.stage, state })}
    </Typography>
  );
};
