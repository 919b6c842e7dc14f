import { Box } from '@mui/material';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface MyProgressChartProps {
  points: Array<{ t: number; score: number }>;
  formatDate: (t: number) => string;
  scoreLabel: string;
  height: number;
}

/**
 * One person's ratings over time on the 1-10 scale. Presentational and hidden from screen readers:
 * the page gives the same figures in words and in a table beside it.
 */
export const MyProgressChart = ({ points, formatDate, scoreLabel, height }: MyProgressChartProps) => (
  <Box sx={{ width: '100%', height: height }} aria-hidden="true">
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: height }}>
      <LineChart data={points} margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d9d9d9" />
        <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => formatDate(t)} minTickGap={28} />
        <YAxis domain={[1, 10]} ticks={[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]} width={28} />
        <Tooltip labelFormatter={(t) => formatDate(Number(t))} formatter={(value) => [String(value), scoreLabel]} />
        <Line dataKey="score" name={scoreLabel} stroke="#2f6f73" strokeWidth={2.5} dot={{ r: 3.5 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  </Box>
);
