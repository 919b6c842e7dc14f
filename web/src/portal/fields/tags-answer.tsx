import { MAX_TAGS, normaliseTags, TAG_MAX_LENGTH } from '@attune/domain';
import CheckIcon from '@mui/icons-material/Check';
import { Box, Button, Chip, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { AnswerFieldset } from './answer-fieldset';
import { useTagText } from '../../shared/use-tag-text';

export interface TagsInputProps {
  idPrefix: string;
  label: string;
  help?: string | undefined;
  required?: boolean | undefined;
  value: string[];
  suggestions: readonly string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}

/**
 * Tags as chips: the suggestions and the person's own tags are toggle buttons (pressed = chosen),
 * and a box adds a tag of their own with Enter or the Add button.
 */
export const TagsInput = ({ idPrefix, label, help, required, value, suggestions, onChange, error }: TagsInputProps) => {
  const translate = useTranslate();
  const tagText = useTagText();
  const [own, setOwn] = useState('');
  const chosen = normaliseTags(value);
  const all = [...normaliseTags([...suggestions]), ...chosen.filter((t) => !normaliseTags([...suggestions]).includes(t))];
  const toggle = (tag: string) => onChange(chosen.includes(tag) ? chosen.filter((t) => t !== tag) : [...chosen, tag].slice(0, MAX_TAGS));
  const addOwn = () => {
    const tag = normaliseTags([own])[0];
    if (tag && !chosen.includes(tag) && chosen.length < MAX_TAGS) onChange([...chosen, tag]);
    setOwn('');
  };

  return (
    <AnswerFieldset idPrefix={idPrefix} label={label} required={required} help={help} error={error}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {chosen.length > 0 ? `${translate('portal.form.tags_chosen')}: ${chosen.join(', ')}` : translate('portal.form.tags_none')}
      </Typography>
      <Stack direction="row" useFlexGap flexWrap="wrap" spacing={1} sx={{ mb: 1.5 }} role="group" aria-label={translate('portal.form.tags_suggestions')}>
        {all.map((tag) => {
          const pressed = chosen.includes(tag);
          return (
            <Chip
              key={tag}
              component="button"
              type="button"
              aria-pressed={pressed}
              label={tagText(tag)}
              icon={pressed ? <CheckIcon /> : undefined}
              color={pressed ? 'primary' : 'default'}
              variant={pressed ? 'filled' : 'outlined'}
              onClick={() => toggle(tag)}
              clickable
            />
          );
        })}
      </Stack>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField
          id={`${idPrefix}-own`}
          label={translate('portal.form.tags_own')}
          size="small"
          value={own}
          onChange={(event) => setOwn(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              addOwn();
            }
          }}
          slotProps={{ htmlInput: { maxLength: TAG_MAX_LENGTH } }}
          sx={{ flex: 1, minWidth: 0 }}
        />
        <Button variant="outlined" onClick={addOwn} disabled={own.trim() === '' || chosen.length >= MAX_TAGS} sx={{ mt: 0.25 }}>
          {translate('portal.form.tags_add')}
        </Button>
      </Box>
    </AnswerFieldset>
  );
};
