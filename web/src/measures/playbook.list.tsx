import { builtInExercise, COUPLE_PATTERN_TEXT, PROFILE_DIMENSION_LABELS, type PlaybookEntry } from '@attune/domain';
import { Box, Chip, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** Words of a playbook entry's subject: a couple pattern's title or a dimension's name. */
export function playbookSubject(about: PlaybookEntry['about'], text: (t: { en: string; 'zh-CN': string }) => string): string {
  return about in COUPLE_PATTERN_TEXT
    ? text(COUPLE_PATTERN_TEXT[about as keyof typeof COUPLE_PATTERN_TEXT].title)
    : text(PROFILE_DIMENSION_LABELS[about as keyof typeof PROFILE_DIMENSION_LABELS]);
}

/** The playbook as a list: per low dimension or pattern, its small steps, exceptions and scaling questions. */
export const PlaybookList = ({ playbook, heading, kindLabel, action, text }: {
  playbook: PlaybookEntry[];
  heading: string;
  /** Picks the text of the reader's language (outside the signed-in app too, on the public page). */
  text: (t: { en: string; 'zh-CN': string }) => string;
  kindLabel?: (kind: string) => string;
  action?: ((exerciseKey: string) => ReactNode) | undefined;
}) => {
  return (
    <Box component="section" sx={{ mt: 2 }}>
      <Typography component="h2" variant="h6" sx={{ fontWeight: 600 }}>{heading}</Typography>
      <Stack component="ul" spacing={2} sx={{ listStyle: 'none', p: 0 }}>
        {playbook.map((entry) => (
          <Box component="li" key={entry.about}>
            <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>{playbookSubject(entry.about, text)}</Typography>
            {entry.about in COUPLE_PATTERN_TEXT ? (
              <Typography variant="body2" sx={{ mb: 1 }}>{text(COUPLE_PATTERN_TEXT[entry.about as keyof typeof COUPLE_PATTERN_TEXT].description)}</Typography>
            ) : null}
            <Stack component="ul" spacing={1} sx={{ pl: 2 }}>
              {entry.suggestions.map((s) => (
                <Box component="li" key={s.key}>
                  {kindLabel ? <Chip size="small" label={kindLabel(s.kind)} sx={{ mr: 1 }} /> : null}
                  <Typography component="span" variant="body2">{text(s.text)}</Typography>
                  <Typography component="span" variant="caption" color="text.secondary"> ({builtInExercise(s.exerciseKey)?.title ?? s.exerciseKey})</Typography>
                  {action ? action(s.exerciseKey) : null}
                </Box>
              ))}
            </Stack>
          </Box>
        ))}
      </Stack>
    </Box>
  );
};
