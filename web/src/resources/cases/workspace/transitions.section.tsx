import type { StageTransitionDto } from '@attune/domain';
import { Alert, Box, Skeleton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { SectionHeading } from '../../../shared/section-heading';
import { useFormatDate } from '../../../shared/use-format';
import { useTransitions } from './use-case-queries';
import { useErrorText } from '../../../shared/use-error-text';

/** Every stage move of the case with its reason, newest first. */
export const TransitionsSection = ({ caseId }: { caseId: string }) => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const { data, isPending, error } = useTransitions(caseId);
  const transitions = [...(Array.isArray(data) ? data : [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Box component="section" aria-labelledby="transitions-heading">
      <SectionHeading id="transitions-heading">{translate('attune.workspace.transitions')}</SectionHeading>
      {error ? <Alert severity="error">{errorText(error)}</Alert> : null}
      {isPending ? (
        <Skeleton height={120} />
      ) : transitions.length === 0 ? (
        <Typography color="text.secondary">{translate('attune.workspace.no_transitions')}</Typography>
      ) : (
        <Table size="small" aria-labelledby="transitions-heading">
          <TableHead>
            <TableRow>
              <TableCell>{translate('attune.workspace.col_when')}</TableCell>
              <TableCell>{translate('attune.workspace.col_move')}</TableCell>
              <TableCell>{translate('attune.workspace.reason')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {transitions.map((t) => (
              <TableRow key={t.id}>
                <TableCell sx={{ whiteSpace: { sm: 'nowrap' } }}>{formatDate(t.at, 'dateTime')}</TableCell>
                <TableCell sx={{ whiteSpace: { sm: 'nowrap' } }}>
                  {t.fromStage === null || t.fromStage === undefined
                    ? translate('attune.workspace.started_at_stage', { stage: t.toStage })
                    : translate('attune.workspace.move_from_to', { from: t.fromStage, to: t.toStage })}
                  {t.kind && t.fromStage ? ` · ${translate(`attune.enums.transition_kind.${t.kind}`, { _: t.kind })}` : ''}
                  {t.kind === 'new_cycle' ? ` (${translate('attune.workspace.cycle', { cycle: t.cycle })})` : ''}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'break-word', minWidth: '8em' }}>{t.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};
