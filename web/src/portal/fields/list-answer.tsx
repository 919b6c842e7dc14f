import { LIST_ITEM_MAX_LENGTH } from '@attune/domain';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { Box, Button, Checkbox, FormControlLabel, FormGroup, IconButton, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { useTranslate } from 'react-admin';
import { filledCount } from '../response-values';
import { AnswerFieldset } from './answer-fieldset';
import { useFieldMessage } from './field-message';
import type { AnswerProps, FieldOfKind } from './field-props';

function asItems(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : '')) : [''];
}

/** "3 of 10–20": how many items hold something, against the bounds of the field. */
export const ItemCount = ({ count, min, max, id }: { count: number; min: number; max: number; id: string }) => {
  const translate = useTranslate();
  return (
    <Typography id={id} variant="body2" color="text.secondary" aria-live="polite" sx={{ mb: 1 }}>
      {min > 0 ? translate('portal.form.list_count', { count, min, max }) : translate('portal.form.list_count_max', { count, max })}
    </Typography>
  );
};

/**
 * Items the client may take from her own earlier answers (her action menu): ticking one puts it in
 * the first empty line (or a new one), unticking takes it out; her own words stay in the lines below.
 */
const ListPicks = ({ picks, items, max, set, idPrefix }: { picks: readonly string[]; items: string[]; max: number; set: (next: string[]) => void; idPrefix: string }) => {
  const translate = useTranslate();
  const chosen = (pick: string) => items.some((item) => item.trim() === pick.trim());
  const full = filledCount(items) >= max;
  const toggle = (pick: string) => {
    if (chosen(pick)) {
      const next = items.filter((item) => item.trim() !== pick.trim());
      set(next.length === 0 ? [''] : next);
      return;
    }
    const empty = items.findIndex((item) => item.trim() === '');
    set(empty >= 0 ? items.map((item, i) => (i === empty ? pick : item)) : [...items, pick]);
  };
  return (
    <Box component="fieldset" aria-labelledby={`${idPrefix}-picks`} sx={{ border: 0, p: 0, m: 0, mb: 1.5, minWidth: 0 }}>
      <Typography id={`${idPrefix}-picks`} component="legend" variant="body2" sx={{ fontWeight: 500 }}>
        {translate('portal.form.picks_from_action_menu')}
      </Typography>
      <FormGroup>
        {picks.map((pick) => (
          <FormControlLabel
            key={pick}
            control={<Checkbox checked={chosen(pick)} disabled={!chosen(pick) && full} onChange={() => toggle(pick)} />}
            label={pick}
            sx={{ overflowWrap: 'anywhere' }}
          />
        ))}
      </FormGroup>
      <Typography variant="body2" color="text.secondary">{translate('portal.form.picks_own_words')}</Typography>
    </Box>
  );
};

/** A list answer: one labelled line per item, Remove beside each, Add below, and the count against the bounds. */
export const ListAnswer = ({ field, value, onChange, errors, idPrefix, picks }: AnswerProps<FieldOfKind<'list'>>) => {
  const translate = useTranslate();
  const say = useFieldMessage();
  const items = asItems(value);
  const focusIndex = useRef<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusIndex.current === null) return;
    const target = focusIndex.current < 0 ? addButton.current : document.getElementById(`${idPrefix}-item-${focusIndex.current}`);
    focusIndex.current = null;
    target?.focus();
  });

  const set = (next: string[]) => onChange(next);
  const add = () => {
    if (items.length >= field.maxItems) return;
    focusIndex.current = items.length;
    set([...items, '']);
  };
  const remove = (index: number) => {
    const next = items.filter((_, i) => i !== index);
    focusIndex.current = next.length === 0 ? -1 : Math.min(index, next.length - 1);
    set(next.length === 0 ? [''] : next);
  };

  return (
    <AnswerFieldset idPrefix={idPrefix} label={field.label} required={field.required === true} help={field.help} error={say(errors[field.name])}>
      <ItemCount id={`${idPrefix}-count`} count={filledCount(items)} min={field.minItems} max={field.maxItems} />
      {picks && picks.length > 0 ? <ListPicks picks={picks} items={items} max={field.maxItems} set={set} idPrefix={idPrefix} /> : null}
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {items.map((item, index) => {
          const itemLabel = translate('portal.form.item_label', { label: field.itemLabel, n: index + 1 });
          const itemError = say(errors[`${field.name}.${index}`]);
          return (
            <Stack component="li" key={index} direction="row" spacing={1} alignItems="flex-start" sx={{ mb: 1 }}>
              <TextField
                id={`${idPrefix}-item-${index}`}
                label={itemLabel}
                size="small"
                multiline
                fullWidth
                value={item}
                onChange={(event) => set(items.map((v, i) => (i === index ? event.target.value : v)))}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && !event.shiftKey && items.length < field.maxItems) {
                    event.preventDefault();
                    focusIndex.current = index + 1;
                    set([...items.slice(0, index + 1), '', ...items.slice(index + 1)]);
                  }
                }}
                error={Boolean(itemError)}
                helperText={itemError}
                slotProps={{ htmlInput: { maxLength: LIST_ITEM_MAX_LENGTH } }}
              />
              <IconButton
                aria-label={translate('portal.form.remove_item', { label: field.itemLabel, n: index + 1 })}
                onClick={() => remove(index)}
                disabled={items.length === 1 && item === ''}
              >
                <DeleteOutlineIcon />
              </IconButton>
            </Stack>
          );
        })}
      </Box>
      <Box>
        <Button ref={addButton} startIcon={<AddIcon />} onClick={add} disabled={items.length >= field.maxItems} variant="outlined" size="small">
          {translate('portal.form.add_item', { label: field.itemLabel })}
        </Button>
      </Box>
    </AnswerFieldset>
  );
};
