import { STAGES, type StageNumber } from '@attune/domain';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { stageTitleKey } from '../shared/choices';

/**
 * Where the client is in the six stages: each stage in order, the current one marked (also for
 * screen readers, with aria-current), the earlier ones done and the later ones ahead.
 */
export const StagePath = ({ stage, caseId }: { stage: StageNumber; caseId: string }) => {
  const translate = useTranslate();
  const headingId = `stages-${caseId}`;
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mt: 2 }}>
      <Typography id={headingId} component="h3" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {translate('records.portal.stages_heading')}
      </Typography>
      <Box component="ol" sx={{ p: 0, m: 0, listStyle: 'none', display: 'grid', gap: 0.75, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' } }}>
        {STAGES.map((s) => {
          const current = s.stage === stage;
          const state = current ? 'stage_current' : s.stage < stage ? 'stage_done' : 'stage_ahead';
          return (
            <Box
              component="li"
              key={s.stage}
              aria-current={current ? 'step' : undefined}
              sx={{
                border: 1,
                borderColor: current ? 'primary.main' : 'divider',
                borderWidth: current ? 2 : 1,
                borderRadius: 1,
                p: 1,
                bgcolor: current ? 'action.selected' : undefined,
              }}
            >
              <Typography variant="body2" sx={{ fontWeight: current ? 700 : 400 }}>
                {translate('records.portal.stage_item', { stage: s.stage, title: translate(stageTitleKey(s.stage)) })}
              </Typography>
              <Typography variant="caption" color={current ? 'primary.main' : 'text.secondary'}>
                {translate(`records.portal.${state}`)}
              </Typography>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
};
