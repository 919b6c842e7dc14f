import { STAGES, type CaseDto } from '@attune/domain';
import { Box, Card, CardContent, Chip, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { EditButton, Link, useCreatePath, useTranslate } from 'react-admin';
import { stageTitleKey } from '../../../shared/choices';
import { EnumChip } from '../../../shared/enum-chip';
import { ScheduleText } from '../../../shared/schedule-text';
import { useCaseClients } from '../../../shared/use-case-clients';
import { useFormatDate } from '../../../shared/use-format';
import { CaseStatusButton } from './case-status.dialog';
import { CaseReportButton } from '../../../records-out/case-report.button';
import { MoveStageButton } from './move-stage.dialog';
import { ReassignCaseButton } from '../../../lists/case-actions';

/** Title, kind, clients, status; the six stages with where the case is and where the plan expects it. */
export const CaseHeader = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { clients } = useCaseClients(record.clientIds);
  const createPath = useCreatePath();
  return (
    <Card component="section" aria-labelledby="case-title">
      <CardContent>
        <Stack direction={{ xs: 'column', md: 'row' }} justifyContent="space-between" spacing={2}>
          <Box>
            <Typography id="case-title" component="h2" variant="h5" sx={{ fontWeight: 600 }}>
              {record.title}
            </Typography>
            {record.problemName ? (
              <Typography variant="subtitle1" color="text.secondary" sx={{ mt: 0.5, overflowWrap: 'anywhere' }} data-testid="case-problem-name">
                {translate('attune.workspace.working_on', { problem: record.problemName })}
              </Typography>
            ) : null}
            <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center" sx={{ mt: 1 }}>
              <EnumChip enumeration="case_kind" value={record.kind} />
              <EnumChip enumeration="case_status" value={record.status} />
              {clients.map((client) => (
                <Chip key={client.id} size="small" label={client.displayName} component={Link} to={createPath({ resource: 'clients', id: client.id, type: 'show' })} clickable />
              ))}
              <Typography variant="body2" color="text.secondary">
                {translate('attune.workspace.opened', { date: formatDate(record.openedAt) })}
                {record.cycle > 1 ? ` · ${translate('attune.workspace.cycle', { cycle: record.cycle })}` : ''}
              </Typography>
            </Stack>
          </Box>
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="flex-start">
            <MoveStageButton record={record} />
            <CaseStatusButton record={record} />
            <CaseReportButton record={record} />
            <EditButton record={record} variant="outlined" />
            <ReassignCaseButton record={record} />
          </Stack>
        </Stack>
        <Box sx={{ mt: 3 }}>
          <Typography component="p" variant="subtitle1" data-testid="case-schedule">
            <ScheduleText record={record} variant="subtitle1" color={record.daysBehind > 0 ? 'warning.main' : 'text.primary'} />
          </Typography>
          <Stepper
            activeStep={record.stage - 1}
            alternativeLabel
            sx={{ mt: 2, overflowX: 'auto', pb: 1, pl: 0, listStyle: 'none' }}
            aria-label={translate('attune.workspace.stages_label')}
            component="ol"
          >
            {STAGES.map((stage) => {
              const current = stage.stage === record.stage;
              const planned = stage.stage === record.plannedStage && !current;
              return (
                <Step key={stage.stage} component="li" aria-current={current ? 'step' : undefined} completed={stage.stage < record.stage}>
                  <StepLabel
                    optional={
                      planned ? (
                        <Typography variant="caption" color="warning.main">
                          {translate('attune.workspace.planned_now')}
                        </Typography>
                      ) : current ? (
                        <Typography variant="caption" color="primary.main">
                          {translate('attune.workspace.current_stage')}
                        </Typography>
                      ) : (
                        <Typography variant="caption" color="text.secondary">
                          {translate('attune.workspace.planned_days', { from: stage.plannedStartDay, to: stage.plannedEndDay })}
                        </Typography>
                      )
                    }
                  >
                    {translate(stageTitleKey(stage.stage))}
                  </StepLabel>
                </Step>
              );
            })}
          </Stepper>
        </Box>
      </CardContent>
    </Card>
  );
};
