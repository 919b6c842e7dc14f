import { Box, Paper, Typography } from '@mui/material';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ProgressChartData, ProgressPoint } from './case-progress.shape';
import { sessionLines, stageBandAreas } from './stage-bands';

/** Light fills that tell neighbouring stage visits apart behind the lines. */
const BAND_FILLS = ['#e3efe9', '#f4ead8'] as const;

export const PROGRESS_CHART_HEIGHT = 320;

export interface CaseProgressChartProps {
  data: ProgressChartData;
  formatDate: (t: number) => string;
  labels: {
    firstRise: (name: string) => string;
    stage: (stage: number) => string;
    keepsFromLower: string;
    onePointHigher: string;
    formatScore: (score: number) => string;
    /** The mark of each new best on the chart, e.g. "★". */
    newBest: string;
  };
}

interface TooltipEntry {
  name?: string | number;
  color?: string;
  payload?: ProgressPoint;
}

/** The tooltip of a rating: who, the score and the follow-ups answered with it, in the words written. */
const RatingTooltip = ({ active, payload, label, formatDate, labels }: {
  active?: boolean | undefined;
  payload?: readonly TooltipEntry[] | undefined;
  label?: string | number | undefined;
  formatDate: (t: number) => string;
  labels: CaseProgressChartProps['labels'];
}) => {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <Paper elevation={3} sx={{ p: 1.5, maxWidth: 320, overflowWrap: 'anywhere' }}>
      <Typography variant="caption" color="text.secondary" component="p">
        {formatDate(Number(label ?? payload[0]?.payload?.t))}
      </Typography>
      {payload.map((entry, index) => {
        const point = entry.payload;
        if (!point) return null;
        return (
          <Box key={`${String(entry.name)}-${index}`} sx={{ mt: 0.5 }}>
            <Typography variant="body2" sx={{ fontWeight: 600, color: entry.color }}>
              {String(entry.name)}: {labels.formatScore(point.score)}
            </Typography>
            {point.keepsFromLower ? (
              <Typography variant="caption" component="p">
                {labels.keepsFromLower} {point.keepsFromLower}
              </Typography>
            ) : null}
            {point.onePointHigher ? (
              <Typography variant="caption" component="p">
                {labels.onePointHigher} {point.onePointHigher}
              </Typography>
            ) : null}
          </Box>
        );
      })}
    </Paper>
  );
};

/**
 * The scale over time: one line per person on a 1-10 axis, stage visits shaded behind, sessions as
 * dashed lines, and a dot where each person first rose a whole point. Presentational only: the
 * data comes shaped, the words come translated, and the text alternative lives beside it.
 */
export const CaseProgressChart = ({ data, formatDate, labels }: CaseProgressChartProps) => (
  <Box sx={{ width: '100%', height: PROGRESS_CHART_HEIGHT }} aria-hidden="true">
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: PROGRESS_CHART_HEIGHT }}>
      <LineChart margin={{ top: 24, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d9d9d9" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={data.domain}
          tickFormatter={(t: number) => formatDate(t)}
          allowDuplicatedCategory={false}
          minTickGap={24}
        />
        <YAxis domain={data.yDomain} ticks={data.yTicks} interval={0} allowDecimals={false} width={32} />
        {stageBandAreas(data.bands, data.yDomain, { fills: BAND_FILLS, fillOpacity: 0.9, labelFill: '#3d4f4f', fontSize: 12, label: labels.stage })}
        {sessionLines(data.sessions, '#7a8a8a')}
        <Tooltip content={(props) => <RatingTooltip {...props} payload={props.payload as readonly TooltipEntry[] | undefined} formatDate={formatDate} labels={labels} />} />
        <Legend />
        {data.series.map((series) => (
          <Line
            key={series.key}
            data={series.points}
            dataKey="score"
            name={series.name}
            stroke={series.colour}
            strokeWidth={2.5}
            dot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls
          />
        ))}
        {data.series.flatMap((series) =>
          series.newBests.map((best) => (
            <ReferenceDot
              key={`${series.key}-best-${best.t}`}
              x={best.t}
              y={best.score}
              r={5}
              fill={series.colour}
              stroke="#ffffff"
              strokeWidth={2}
              ifOverflow="extendDomain"
              label={{ value: labels.newBest, position: 'bottom', fontSize: 11, fill: '#333' }}
            />
          )),
        )}
        {data.series.map((series) =>
          series.firstRise ? (
            <ReferenceDot
              key={`${series.key}-rise`}
              x={series.firstRise.t}
              y={series.firstRise.score}
              r={7}
              fill="#ffffff"
              stroke={series.colour}
              strokeWidth={3}
              ifOverflow="extendDomain"
              label={{ value: labels.firstRise(series.name), position: 'top', fontSize: 11, fill: '#333' }}
            />
          ) : null,
        )}
      </LineChart>
    </ResponsiveContainer>
  </Box>
);
