import type { ExerciseField, ExerciseResponse } from '@attune/domain';
import { Box, Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { asObject } from './raw';
import { formatNumber, useFormatDate } from './use-format';

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

const FieldValue = ({ field, value }: { field: ExerciseField; value: unknown }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  if (isBlank(value)) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
        {translate('attune.homework.no_answer')}
      </Typography>
    );
  }
  switch (field.kind) {
    case 'list':
      return (
        <Box component="ul" sx={{ my: 0, pl: 3 }}>
          {(Array.isArray(value) ? value : [value]).map((item, i) => (
            <li key={i}>
              <Typography variant="body2">{String(item)}</Typography>
            </li>
          ))}
        </Box>
      );
    case 'ranking': {
      const ranking = asObject(value);
      const items = Array.isArray(ranking?.['items']) ? (ranking['items'] as unknown[]) : [];
      return (
        <Box>
          <Box component="ol" sx={{ my: 0, pl: 3 }}>
            {items.map((item, i) => (
              <li key={i}>
                <Typography variant="body2">{String(item)}</Typography>
              </li>
            ))}
          </Box>
          {ranking?.['focus'] ? (
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {translate('attune.homework.focus', { focus: String(ranking['focus']) })}
            </Typography>
          ) : null}
        </Box>
      );
    }
    case 'tags':
      return (
        <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
          {(Array.isArray(value) ? value : [value]).map((tag, i) => (
            <Chip key={i} size="small" label={String(tag)} />
          ))}
        </Stack>
      );
    case 'scale':
      return <Typography variant="body2">{typeof value === 'number' ? `${formatNumber(value)} / 10` : String(value)}</Typography>;
    case 'date':
      return <Typography variant="body2">{formatDate(String(value))}</Typography>;
    case 'boolean':
      return <Typography variant="body2">{translate(value ? 'ra.boolean.true' : 'ra.boolean.false')}</Typography>;
    case 'choice': {
      const option = field.options.find((o) => o.value === value);
      return <Typography variant="body2">{option?.label ?? String(value)}</Typography>;
    }
    default:
      return (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
          {typeof value === 'string' ? value : JSON.stringify(value)}
        </Typography>
      );
  }
};

/** A client's answers, one per field of the exercise, each under the field's own label. */
export const AnswersView = ({ fields, response }: { fields: readonly ExerciseField[]; response: ExerciseResponse | null | undefined }) => (
  <Box component="dl" sx={{ m: 0 }}>
    {fields.map((field) => (
      <Box key={field.name} sx={{ mb: 1.5 }}>
        <Typography component="dt" variant="subtitle2">
          {field.label}
        </Typography>
        <Box component="dd" sx={{ ml: 0 }}>
          <FieldValue field={field} value={response?.[field.name]} />
        </Box>
      </Box>
    ))}
  </Box>
);
