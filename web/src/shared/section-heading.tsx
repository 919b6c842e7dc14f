import { Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A section heading at a given level, with optional actions on the right. */
export const SectionHeading = ({ level = 3, children, actions, id }: { level?: 2 | 3 | 4; children: ReactNode; actions?: ReactNode; id?: string }) => (
  <Stack direction="row" alignItems="center" justifyContent="space-between" spacing={2} sx={{ mb: 1.5, mt: 1 }} useFlexGap flexWrap="wrap">
    <Typography id={id} component={`h${level}`} variant={level === 2 ? 'h5' : level === 3 ? 'h6' : 'subtitle1'} sx={{ fontWeight: 600 }}>
      {children}
    </Typography>
    {actions ? <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">{actions}</Stack> : null}
  </Stack>
);
