import { Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A rating's follow-ups ("what keeps it from being lower", "one point higher"), in the words written. */
export const RatingFollowUps = ({ keepsFromLower, onePointHigher }: { keepsFromLower?: string | null; onePointHigher?: string | null }) => {
  const translate = useTranslate();
  if (!keepsFromLower && !onePointHigher) {
    return (
      <Typography variant="caption" color="text.secondary">
        {translate('records.follow_ups.none')}
      </Typography>
    );
  }
  return (
    <Stack spacing={0.5} sx={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
      {keepsFromLower ? (
        <Typography variant="body2">
          <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
            {translate('records.label_colon', { label: translate('records.follow_ups.keeps_from_lower') })}
          </Typography>{' '}
          {keepsFromLower}
        </Typography>
      ) : null}
      {onePointHigher ? (
        <Typography variant="body2">
          <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
            {translate('records.label_colon', { label: translate('records.follow_ups.one_point_higher') })}
          </Typography>{' '}
          {onePointHigher}
        </Typography>
      ) : null}
    </Stack>
  );
};
