import { formatNumber, isValidScaleValue, SCALE_MAX, SCALE_MIN, SCALE_STEP } from '@attune/domain';
import { Box, Button, Slider, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { AnswerFieldset } from './answer-fieldset';
import { useFieldMessage } from './field-message';
import type { AnswerProps, FieldOfKind } from './field-props';
import { QuestionTextField } from './question-text-field';

export interface ScaleInputProps {
  idPrefix: string;
  label: string;
  help?: string | undefined;
  required?: boolean | undefined;
  value: number | null;
  onChange: (value: number | null) => void;
  error?: string | undefined;
}

const MIDDLE = (SCALE_MIN + SCALE_MAX) / 2;

/**
 * A position on the 1-10 scale in steps of 0.5: a slider with the value written beside it, and a
 * number box for typing it exactly. Until someone chooses, it says so (the thumb only waits in the
 * middle).
 */
export const ScaleInput = ({ idPrefix, label, help, required, value, onChange, error }: ScaleInputProps) => {
  const translate = useTranslate();
  const [text, setText] = useState(value === null ? '' : formatNumber(value));
  useEffect(() => {
    setText((current) => (value === null ? (isValidScaleValue(Number(current)) ? '' : current) : Number(current) === value ? current : formatNumber(value)));
  }, [value]);
  // A number typed outside the scale (11, 0, 4.3) is named as such, not as a missing answer.
  const typedOutOfRange = text.trim() !== '' && !isValidScaleValue(Number(text));
  const rangeMessage = typedOutOfRange
    ? translate('records.portal.scale_range', { min: SCALE_MIN, max: SCALE_MAX, step: formatNumber(SCALE_STEP) })
    : undefined;
  const valueText = (v: number | null) => (v === null ? translate('portal.form.scale_unset') : translate('portal.form.scale_value', { value: formatNumber(v) }));

  return (
    <AnswerFieldset idPrefix={idPrefix} label={label} required={required} help={help} error={rangeMessage ?? error}>
      <Typography id={`${idPrefix}-value`} variant="h6" component="p" sx={{ fontWeight: 600 }} aria-live="polite">
        {valueText(value)}
      </Typography>
      <Box sx={{ px: 1.5 }}>
        <Slider
          min={SCALE_MIN}
          max={SCALE_MAX}
          step={SCALE_STEP}
          value={value ?? MIDDLE}
          marks={[{ value: SCALE_MIN, label: String(SCALE_MIN) }, { value: 5, label: '5' }, { value: SCALE_MAX, label: String(SCALE_MAX) }]}
          onChange={(_, v) => onChange(Array.isArray(v) ? v[0]! : v)}
          getAriaValueText={(v) => valueText(value === null ? null : v)}
          valueLabelDisplay={value === null ? 'off' : 'auto'}
          track={value === null ? false : 'normal'}
          slotProps={{ input: { 'aria-labelledby': `${idPrefix}-label`, 'aria-describedby': `${idPrefix}-anchors` } }}
          sx={{
            // Unset: a hollow thumb waiting in the middle, no track and no number, so nothing reads as chosen.
            ...(value === null ? { '& .MuiSlider-thumb': { bgcolor: 'background.paper', border: 2, borderColor: 'primary.main' } } : {}),
            '& .MuiSlider-markLabel': { color: 'text.secondary' },
          }}
        />
      </Box>
      <Stack id={`${idPrefix}-anchors`} direction="row" justifyContent="space-between" spacing={2} sx={{ mb: 1.5 }}>
        <Typography variant="caption" color="text.secondary">{translate('portal.form.scale_low')}</Typography>
        <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'right' }}>{translate('portal.form.scale_high')}</Typography>
      </Stack>
      <Stack direction="row" spacing={1} alignItems="flex-end">
        <Box sx={{ maxWidth: 260 }}>
          <QuestionTextField
            id={`${idPrefix}-number`}
            label={translate('portal.form.scale_number')}
            type="number"
            value={text}
            onChange={(next) => {
              setText(next);
              const n = Number(next);
              onChange(next.trim() !== '' && isValidScaleValue(n) ? n : null);
            }}
            inputProps={{ min: SCALE_MIN, max: SCALE_MAX, step: SCALE_STEP, inputMode: 'decimal' }}
          />
        </Box>
        {!required && value !== null ? (
          <Button onClick={() => { setText(''); onChange(null); }} size="small" sx={{ mb: 0.5 }}>
            {translate('portal.form.scale_clear')}
          </Button>
        ) : null}
      </Stack>
    </AnswerFieldset>
  );
};

/** A scale field of an exercise. */
export const ScaleAnswer = ({ field, value, onChange, errors, idPrefix }: AnswerProps<FieldOfKind<'scale'>>) => {
  const say = useFieldMessage();
  return (
    <ScaleInput
      idPrefix={idPrefix}
      label={field.label}
      help={field.help}
      required={field.required === true}
      value={isValidScaleValue(value) ? value : null}
      onChange={onChange}
      error={say(errors[field.name])}
    />
  );
};
