import { COUPLE_PATTERN_TEXT, type CouplePattern } from '@attune/domain';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useMeasureText } from './use-measure-text';

/** The pattern between two partners, named as their shared problem; or that none stands out. */
export const CouplePatternText = ({ pattern }: { pattern: CouplePattern | null }) => {
  const translate = useTranslate();
  const text = useMeasureText();
  return pattern ? (
    <Box>
      <Typography sx={{ fontWeight: 600 }}>{text(COUPLE_PATTERN_TEXT[pattern].title)}</Typography>
      <Typography variant="body2">{text(COUPLE_PATTERN_TEXT[pattern].description)}</Typography>
    </Box>
  ) : (
    <Typography variant="body2">{translate('measures.couple.no_pattern')}</Typography>
  );
};
