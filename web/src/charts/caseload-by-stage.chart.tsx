import { Box } from '@mui/material';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';

export const CASELOAD_CHART_HEIGHT = 260;

/** Open cases per stage, stages 1 to 6 left to right. */
export const CaseloadByStageChart = ({ data }: { data: { stage: number; label: string; count: number }[] }) => (
  <Box sx={{ width: '100%', height: CASELOAD_CHART_HEIGHT }} aria-hidden="true">
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: CASELOAD_CHART_HEIGHT }}>
      <BarChart data={data} margin={{ top: 20, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} width={32} />
        <Bar dataKey="count" fill="#2f6f73" isAnimationActive={false} maxBarSize={56}>
          <LabelList dataKey="count" position="top" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  </Box>
);
