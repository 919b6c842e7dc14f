import { LIST_ITEM_MAX_LENGTH } from '@attune/domain';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import {
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  IconButton,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslate } from 'react-admin';
import { visuallyHidden } from '../../shared/visually-hidden';
import { filledCount, moveItem, type RankingFormValue } from '../response-values';
import { AnswerFieldset } from './answer-fieldset';
import { ItemCount } from './list-answer';
import { useFieldMessage } from './field-message';
import type { AnswerProps, FieldOfKind } from './field-props';

function asRanking(value: unknown): RankingFormValue {
  const object = value && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<RankingFormValue>) : {};
  const items = Array.isArray(object.items) ? object.items.map((v) => (typeof v === 'string' ? v : '')) : [];
  return { items: items.length > 0 ? items : [''], focus: typeof object.focus === 'string' ? object.focus : '' };
}

type PendingFocus = { index: number; control: 'up' | 'down' | 'input' | 'add' } | null;

/**
 * A ranking answer: items most important first, reordered with Move up / Move down (keyboard) or by
 * dragging the handle (mouse, pen or touch), and a radio group to choose the one focus among them.
 * Every move is announced.
 */
export const RankingAnswer = ({ field, value, onChange, errors, idPrefix }: AnswerProps<FieldOfKind<'ranking'>>) => {
  const translate = useTranslate();
  const say = useFieldMessage();
  const ranking = asRanking(value);
  const { items, focus } = ranking;
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<number | null>(null);
  const pendingFocus = useRef<PendingFocus>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    pendingFocus.current = null;
    if (pending.control === 'add') addButton.current?.focus();
    else document.getElementById(`${idPrefix}-${pending.control}-${pending.index}`)?.focus();
  });

  const set = (next: Partial<RankingFormValue>) => onChange({ items, focus, ...next });
  const name = (item: string, index: number) => item.trim() || translate('portal.form.item_label', { label: field.itemLabel, n: index + 1 });

  const move = (from: number, to: number, control?: 'up' | 'down') => {
    if (to < 0 || to >= items.length || from === to) return;
    set({ items: moveItem(items, from, to) });
    setAnnouncement(translate('portal.form.ranking_moved', { item: name(items[from]!, from), position: to + 1 }));
    if (control) {
      // Keep the focus on the moved item's button; at the top or bottom, on the other one.
      const stays = (control === 'up' && to > 0) || (control === 'down' && to < items.length - 1);
      pendingFocus.current = { index: to, control: stays ? control : control === 'up' ? 'down' : 'up' };
    }
  };

  const onHandlePointerDown = (index: number) => (event: ReactPointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(index);
  };
  const onHandlePointerMove = (event: ReactPointerEvent<HTMLElement>) => {
    if (dragging === null) return;
    const under = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>(`[data-rank-row="${idPrefix}"]`);
    const over = under ? Number(under.dataset['rankIndex']) : NaN;
    if (Number.isInteger(over) && over !== dragging) {
      move(dragging, over);
      setDragging(over);
    }
  };
  const onHandlePointerUp = (event: ReactPointerEvent<HTMLElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    setDragging(null);
  };

  const add = () => {
    if (items.length >= field.maxItems) return;
    pendingFocus.current = { index: items.length, control: 'input' };
    set({ items: [...items, ''] });
  };
  const remove = (index: number) => {
    const removed = items[index] ?? '';
    const next = items.filter((_, i) => i !== index);
    pendingFocus.current = next.length === 0 ? { index: 0, control: 'input' } : { index: Math.min(index, next.length - 1), control: 'input' };
    set({ items: next.length === 0 ? [''] : next, focus: focus && focus === removed ? '' : focus });
  };
  const rename = (index: number, text: string) => {
    const before = items[index] ?? '';
    set({ items: items.map((v, i) => (i === index ? text : v)), focus: focus && focus === before ? text : focus });
  };

  const filled = items.map((item, index) => ({ item, index })).filter(({ item }) => item.trim() !== '');
  const focusError = say(errors[`${field.name}.focus`]);

  return (
    <AnswerFieldset
      idPrefix={idPrefix}
      label={field.label}
      required={field.required === true}
      help={field.help}
      error={say(errors[field.name] ?? errors[`${field.name}.items`])}
    >
      <ItemCount id={`${idPrefix}-count`} count={filledCount(items)} min={field.minItems} max={field.maxItems} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('portal.form.ranking_hint')}
      </Typography>
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {items.map((item, index) => {
          const itemError = say(errors[`${field.name}.items.${index}`]);
          const label = translate('portal.form.item_label', { label: field.itemLabel, n: index + 1 });
          return (
            <Paper
              component="li"
              key={index}
              variant="outlined"
              data-rank-row={idPrefix}
              data-rank-index={index}
              sx={{
                mb: 1,
                p: 1,
                display: 'flex',
                alignItems: 'flex-start',
                gap: 0.5,
                bgcolor: dragging === index ? 'action.selected' : 'background.paper',
              }}
            >
              <Box
                aria-hidden="true"
                title={translate('portal.form.drag_handle', { item: name(item, index) })}
                onPointerDown={onHandlePointerDown(index)}
                onPointerMove={onHandlePointerMove}
                onPointerUp={onHandlePointerUp}
                onPointerCancel={onHandlePointerUp}
                sx={{ cursor: dragging === null ? 'grab' : 'grabbing', touchAction: 'none', alignSelf: 'center', color: 'text.secondary', display: 'flex', py: 1 }}
              >
                <DragIndicatorIcon />
              </Box>
              <TextField
                id={`${idPrefix}-input-${index}`}
                label={label}
                size="small"
                fullWidth
                value={item}
                onChange={(event) => rename(index, event.target.value)}
                error={Boolean(itemError)}
                helperText={itemError}
                slotProps={{ htmlInput: { maxLength: LIST_ITEM_MAX_LENGTH } }}
              />
              <Stack direction="row" sx={{ flexShrink: 0 }}>
                <IconButton
                  id={`${idPrefix}-up-${index}`}
                  aria-label={translate('portal.form.move_up_item', { item: name(item, index) })}
                  onClick={() => move(index, index - 1, 'up')}
                  disabled={index === 0}
                  size="small"
                >
                  <ArrowUpwardIcon fontSize="small" />
                </IconButton>
                <IconButton
                  id={`${idPrefix}-down-${index}`}
                  aria-label={translate('portal.form.move_down_item', { item: name(item, index) })}
                  onClick={() => move(index, index + 1, 'down')}
                  disabled={index === items.length - 1}
                  size="small"
                >
                  <ArrowDownwardIcon fontSize="small" />
                </IconButton>
                <IconButton
                  aria-label={translate('portal.form.remove_item', { label: field.itemLabel, n: index + 1 })}
                  onClick={() => remove(index)}
                  disabled={items.length === 1 && item === ''}
                  size="small"
                >
                  <DeleteOutlineIcon fontSize="small" />
                </IconButton>
              </Stack>
            </Paper>
          );
        })}
      </Box>
      <Box sx={{ mb: 2 }}>
        <Button ref={addButton} startIcon={<AddIcon />} onClick={add} disabled={items.length >= field.maxItems} variant="outlined" size="small">
          {translate('portal.form.add_item', { label: field.itemLabel })}
        </Button>
      </Box>
      <Box sx={visuallyHidden} role="status" aria-live="polite">
        {announcement}
      </Box>
      <FormControl component="fieldset" error={Boolean(focusError)}>
        <FormLabel component="legend" sx={{ color: 'text.primary' }}>
          {translate('portal.form.focus_legend')}
        </FormLabel>
        {filled.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('portal.form.focus_empty')}
          </Typography>
        ) : (
          <RadioGroup value={filled.some(({ item }) => item === focus) ? focus : ''} onChange={(event) => set({ focus: event.target.value })}>
            {filled.map(({ item, index }) => (
              <FormControlLabel key={index} value={item} control={<Radio />} label={item} />
            ))}
          </RadioGroup>
        )}
        {focusError ? <FormHelperText sx={{ mx: 0 }}>{focusError}</FormHelperText> : null}
      </FormControl>
    </AnswerFieldset>
  );
};
