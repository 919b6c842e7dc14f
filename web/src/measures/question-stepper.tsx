import type { MeasureItem } from '@attune/domain';
import { Alert, Box, Button, FormControl, FormControlLabel, FormLabel, LinearProgress, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface StepperWords {
  questionOf: (n: number, total: number) => string;
  next: string;
  back: string;
  choose: string;
  text: (t: { en: string; 'zh-CN': string }) => string;
}

export interface QuestionStep {
  /** Where the answer goes: the measure's answers or the couple safety screen. */
  group: 'answers' | 'safety';
  item: MeasureItem;
  /** Shown above the question, e.g. the measure's stem. */
  intro?: string;
}

/** The first step without an answer: where a resumed questionnaire opens. */
export function firstOpenStep(steps: QuestionStep[], values: Record<'answers' | 'safety', Record<string, number | null>>): number {
  const i = steps.findIndex((s) => values[s.group][s.item.key] === undefined || values[s.group][s.item.key] === null);
  return i === -1 ? steps.length : i;
}

/**
 * One question per screen, big touch targets, all by keyboard: arrow keys choose within the
 * question's radio group, Tab reaches Back and Next, Enter on Next goes on. The question's legend
 * gets the focus on each step, so a screen reader reads the new question. After the last
 * question, `finish` is shown (the send step).
 */
export const QuestionStepper = ({
  steps, values, onAnswer, words, finish, start = 0,
}: {
  steps: QuestionStep[];
  values: Record<'answers' | 'safety', Record<string, number | null>>;
  onAnswer: (group: 'answers' | 'safety', key: string, value: number) => void;
  words: StepperWords;
  finish: ReactNode;
  start?: number;
}) => {
  const [index, setIndex] = useState(Math.min(start, steps.length));
  const [missing, setMissing] = useState(false);
  const headingRef = useRef<HTMLDivElement>(null);
  const labelId = useId();
  useEffect(() => {
    headingRef.current?.focus();
    setMissing(false);
  }, [index]);
  if (index >= steps.length) {
    return (
      <Box>
        {finish}
        <Button sx={{ mt: 2 }} onClick={() => setIndex(steps.length - 1)}>{words.back}</Button>
      </Box>
    );
  }
  const step = steps[index]!;
  const value = values[step.group][step.item.key];
  const next = () => {
    if (value === undefined || value === null) {
      setMissing(true);
      return;
    }
    setIndex(index + 1);
  };
  return (
    <Box component="form" onSubmit={(e) => { e.preventDefault(); next(); }} noValidate>
      <LinearProgress variant="determinate" value={(index / steps.length) * 100} aria-hidden="true" sx={{ mb: 2 }} />
      <Typography ref={headingRef} tabIndex={-1} variant="overline" component="p" sx={{ outline: 'none' }}>
        {words.questionOf(index + 1, steps.length)}
      </Typography>
      {step.intro ? <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{step.intro}</Typography> : null}
      <FormControl component="fieldset" error={missing} sx={{ width: '100%' }}>
        <FormLabel component="legend" id={labelId} sx={{ fontSize: '1.2rem', color: 'text.primary', mb: 1, '&.Mui-focused': { color: 'text.primary' } }}>
          {words.text(step.item.text)}
        </FormLabel>
        <RadioGroup
          aria-labelledby={labelId}
          name={step.item.key}
          value={value === undefined || value === null ? '' : String(value)}
          onChange={(e) => onAnswer(step.group, step.item.key, Number(e.target.value))}
        >
          {step.item.options.map((o) => (
            <FormControlLabel
              key={o.value}
              value={String(o.value)}
              control={<Radio />}
              label={words.text(o.label)}
              sx={{ border: 1, borderColor: 'divider', borderRadius: 2, mx: 0, my: 0.5, px: 1, py: 0.5, minHeight: 48 }}
            />
          ))}
        </RadioGroup>
      </FormControl>
      {missing ? <Alert severity="info" sx={{ mt: 1 }}>{words.choose}</Alert> : null}
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        <Button variant="outlined" disabled={index === 0} onClick={() => setIndex(index - 1)}>{words.back}</Button>
        <Button variant="contained" type="submit">{words.next}</Button>
      </Stack>
    </Box>
  );
};
