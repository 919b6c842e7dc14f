import { Box } from '@mui/material';
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { sessionLines, stageBandAreas } from '../charts/stage-bands';
import { BAND_FILL_BY_CONCERN, type MeasureChartData, type MeasureChartPoint } from './measure-chart.shape';

export const MEASURE_CHART_HEIGHT = 260;

export interface MeasureChartProps {
  data: MeasureChartData;
  formatDate: (t: number) => string;
  bandLabel: (label: { en: string; 'zh-CN': string }) => string;
  cutoffLabel: string;
  stageLabel: (stage: number) => string;
}

/** A score's dot: round when the client sent it from the portal, square when it was entered in session. */
const ScoreDot = ({ cx, cy, payload, index }: { cx?: number; cy?: number; payload?: MeasureChartPoint; index?: number }) => {
  if (cx === undefined || cy === undefined) return <g key={index} />;
  return payload?.inSession
    ? <rect key={index} x={cx - 4} y={cy - 4} width={8} height={8} fill="#1f5f5b" data-in-session="true" />
    : <circle key={index} cx={cx} cy={cy} r={3} fill="#1f5f5b" />;
};

/** Stage columns alternate two see-through tints so neighbouring visits tell apart over the bands. */
const STAGE_FILLS = ['#3d5a80', '#8a6d3b'] as const;

/**
 * One measure of one person over time: its bands shaded behind the line, the case's stage visits
 * as labelled see-through columns, held sessions as dashed vertical lines, the cut-off as a dashed
 * line, a square dot for a score entered in session, and a ringed dot on each score that is a reliable change from the first (green better,
 * red worse). Presentational: the text alternative (summary and item table) sits beside it.
 */
export const MeasureChart = ({ data, formatDate, bandLabel, cutoffLabel, stageLabel }: MeasureChartProps) => (
  <Box sx={{ width: '100%', height: MEASURE_CHART_HEIGHT }} aria-hidden="true" data-testid={`measure-chart-${data.key}`}>
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: MEASURE_CHART_HEIGHT }}>
      <LineChart data={data.points} margin={{ top: 16, right: 64, bottom: 8, left: 0 }} accessibilityLayer={false}>
        {data.bands.map((band) => (
          <ReferenceArea
            key={band.key}
            y1={band.y1}
            y2={band.y2}
            fill={BAND_FILL_BY_CONCERN[band.concern]}
            fillOpacity={1}
            ifOverflow="hidden"
            label={{ value: bandLabel(band.label), position: 'insideLeft', fill: '#4a5656', fontSize: 11 }}
          />
        ))}
        {stageBandAreas(data.stages, data.yDomain, { fills: STAGE_FILLS, fillOpacity: 0.1, labelFill: '#2f3d4f', fontSize: 11, label: stageLabel })}
        {sessionLines(data.sessions, '#56606a')}
        <CartesianGrid strokeDasharray="3 3" stroke="#cfd8d8" />
        <XAxis dataKey="t" type="number" scale="time" domain={data.domain} tickFormatter={(t: number) => formatDate(t)} minTickGap={24} />
        <YAxis domain={data.yDomain} width={32} allowDecimals={false} />
        {data.cutoff !== null ? (
          <ReferenceLine y={data.cutoff} stroke="#8a3b3b" strokeDasharray="6 4" label={{ value: cutoffLabel, position: 'right', fill: '#8a3b3b', fontSize: 11 }} />
        ) : null}
        <Tooltip labelFormatter={(t) => formatDate(Number(t))} />
        <Line dataKey="score" name={data.name} stroke="#1f5f5b" strokeWidth={2.5} dot={ScoreDot} isAnimationActive={false} />
        {data.points
          .filter((p) => p.change === 'reliable_improvement' || p.change === 'reliable_deterioration')
          .map((p) => (
            <ReferenceDot
              key={p.t}
              x={p.t}
              y={p.score}
              r={7}
              fill="none"
              stroke={p.change === 'reliable_improvement' ? '#2e7d32' : '#c62828'}
              strokeWidth={2.5}
            />
          ))}
      </LineChart>
    </ResponsiveContainer>
  </Box>
);
