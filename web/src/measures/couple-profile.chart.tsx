import { PROFILE_DIMENSIONS, type PartnerProfile, type ProfileDimension } from '@attune/domain';
import { Box } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const PARTNER_COLOURS = ['#1f5f5b', '#b5651d'] as const;
export const COUPLE_CHART_HEIGHT = 300;

/** Paired bars: each dimension 0-100, one bar per partner. The table beside it is the text alternative. */
export const CoupleProfileChart = ({ partners, dimensionLabel }: { partners: Array<{ name: string; profile: PartnerProfile }>; dimensionLabel: (d: ProfileDimension) => string }) => {
  const rows = PROFILE_DIMENSIONS.map((d) => ({ dimension: dimensionLabel(d), ...Object.fromEntries(partners.map((p, i) => [`p${i}`, p.profile.dimensions[d] ?? 0])) }));
  return (
    <Box sx={{ width: '100%', height: COUPLE_CHART_HEIGHT }} aria-hidden="true" data-testid="couple-profile-chart">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: COUPLE_CHART_HEIGHT }}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} />
          <YAxis type="category" dataKey="dimension" width={130} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          {partners.map((p, i) => (
            <Bar key={p.name} dataKey={`p${i}`} name={p.name} fill={PARTNER_COLOURS[i % 2]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
};
