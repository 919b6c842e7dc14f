import type { CaseExceptionDto } from '@attune/domain';
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import { Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Divider, Stack, Typography } from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { useFormatDate } from '../../../shared/use-format';
import { EntryNotes } from './entry-actions';
import { useTagText } from '../../../shared/use-tag-text';

type ExceptionRow = CaseExceptionDto & { source?: 'practitioner' | 'client' };

/** One labelled answer of the exception, or "not answered". */
const Answer = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <div>
      <Typography component="dt" variant="subtitle2">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, mb: 1.5, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} color={children ? 'text.primary' : 'text.secondary'}>
        {children || translate('records.exception.not_answered')}
      </Typography>
    </div>
  );
};

/**
 * An exception opened in full: what was different, what was done, thoughts, emotions, what it tells
 * us, its tags, and the deep description (body, forgotten capacity, if it happened more often),
 * which the stage-4 exercise adds to the moment it describes.
 */
export const ExceptionDetailButton = ({ exception, personName }: { exception: ExceptionRow; personName: string }) => {
  const translate = useTranslate();
  const tagText = useTagText();
  const formatDate = useFormatDate();
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const when = formatDate(exception.occurredAt, 'dateTime');
  const field = (name: string) => translate(`resources.exceptions.fields.${name}`);
  const deep = exception.deep;
  const hasDeep = Boolean(deep && (deep.bodily || deep.capacity || deep.ifMoreOften));
  return (
    <>
      <Button size="small" startIcon={<OpenInFullIcon />} aria-label={translate('records.exception.open_label', { date: when })} onClick={() => setOpen(true)}>
        {translate('records.exception.open')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>{translate('records.exception.title', { date: when })}</DialogTitle>
        <DialogContent>
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mb: 2 }} alignItems="center">
            <Typography variant="body2">{personName}</Typography>
            <Chip size="small" variant="outlined" label={translate(exception.source === 'client' ? 'records.exception.by_client' : 'records.exception.by_staff')} />
            {exception.significant ? <Chip size="small" color="primary" label={field('significant')} /> : null}
            {(exception.tags ?? []).map((tag) => (
              <Chip key={tag} size="small" label={tagText(tag)} />
            ))}
          </Stack>
          <Box component="dl" sx={{ m: 0 }}>
            <Answer label={field('context')}>{exception.context}</Answer>
            <Answer label={field('behavior')}>{exception.behavior}</Answer>
            <Answer label={field('thoughts')}>{exception.thoughts}</Answer>
            <Answer label={field('emotions')}>{exception.emotions}</Answer>
            <Answer label={field('meaning')}>{exception.meaning}</Answer>
          </Box>
          <Divider sx={{ my: 1 }} />
          <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
            {translate('records.exception.deep_heading')}
          </Typography>
          {hasDeep ? (
            <Box component="dl" sx={{ m: 0 }}>
              <Answer label={translate('records.exception.bodily')}>{deep?.bodily}</Answer>
              <Answer label={translate('records.exception.capacity')}>{deep?.capacity}</Answer>
              <Answer label={translate('records.exception.if_more_often')}>{deep?.ifMoreOften}</Answer>
            </Box>
          ) : (
            <Typography variant="body2" color="text.secondary">
              {translate('records.exception.deep_none')}
            </Typography>
          )}
          <Box sx={{ mt: 2 }}>
            <EntryNotes entry={exception} />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('records.exception.close')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
