import { Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** One part of the account page: a card with a level-2 heading that names it. */
export const AccountSection = ({ id, heading, children }: { id: string; heading: string; children: ReactNode }) => (
  <Card component="section" aria-labelledby={`${id}-heading`} variant="outlined" sx={{ mb: 3 }}>
    <CardContent>
      <Typography id={`${id}-heading`} component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1.5 }}>
        {heading}
      </Typography>
      {children}
    </CardContent>
  </Card>
);
