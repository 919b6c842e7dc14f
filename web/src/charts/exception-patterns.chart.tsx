import { Box } from '@mui/material';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';

export interface ExceptionPatternsChartProps {
  tags: { tag: string; count: number }[];
}

const ROW_HEIGHT = 32;

/** Horizontal bars of how often each tag appears among the case's exceptions. */
export const ExceptionPatternsChart = ({ tags }: ExceptionPatternsChartProps) => {
  const height = Math.max(120, tags.length * ROW_HEIGHT + 40);
  return (
    <Box sx={{ width: '100%', height }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height }}>
        <BarChart data={tags} layout="vertical" margin={{ top: 8, right: 32, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="tag" width={140} />
          <Bar dataKey="count" fill="#2f6f73" isAnimationActive={false} barSize={18}>
            <LabelList dataKey="count" position="right" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
};
