import type { CorrectedRecord, RecordCorrectionDto, RecordCorrectionKind } from '@attune/domain';
import { Alert, Box, Skeleton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { SectionHeading } from '../../../shared/section-heading';
import { useErrorText } from '../../../shared/use-error-text';
import { useFormatDate } from '../../../shared/use-format';
import { useCorrections } from './use-case-queries';

const RECORD_LABEL: Record<CorrectedRecord, string> = {
  'scale-scores': 'records.corrections.record_scale_scores',
  exceptions: 'records.corrections.record_exceptions',
  assignments: 'records.corrections.record_assignments',
};

const CHANGE_LABEL: Record<RecordCorrectionKind, string> = {
  edit: 'records.corrections.kind_edit',
  delete: 'records.corrections.kind_delete',
  withdraw: 'records.corrections.kind_withdraw',
  redate: 'records.corrections.kind_redate',
};

/**
 * Every correction of the case's ratings, exceptions and homework, newest first: what was corrected,
 * by whom, when and why. Staff only: the client's portal never reads these reasons.
 */
export const CorrectionsSection = ({ caseId }: { caseId: string }) => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const { data, isPending, error } = useCorrections(caseId);
  const corrections = [...(Array.isArray(data) ? data : [])].sort((a, b) => b.at.localeCompare(a.at));
  const what = (c: RecordCorrectionDto) =>
    translate('records.corrections.what', {
      record: translate(RECORD_LABEL[c.entity], { date: formatDate(c.recordAt, c.entity === 'assignments' ? 'date' : 'dateTime') }),
      change: translate(CHANGE_LABEL[c.kind]),
    });
  return (
    <Box component="section" aria-labelledby="corrections-heading" sx={{ mt: 3 }}>
      <SectionHeading id="corrections-heading">{translate('records.corrections.history_heading')}</SectionHeading>
      {error ? <Alert severity="error">{errorText(error)}</Alert> : null}
      {isPending ? (
        <Skeleton height={80} />
      ) : corrections.length === 0 ? (
        <Typography color="text.secondary">{translate('records.corrections.history_none')}</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto', maxWidth: '100%' }}>
          <Table size="small" aria-labelledby="corrections-heading">
            <TableHead>
              <TableRow>
                <TableCell>{translate('records.corrections.col_when')}</TableCell>
                <TableCell>{translate('records.corrections.col_what')}</TableCell>
                <TableCell>{translate('records.corrections.col_by')}</TableCell>
                <TableCell>{translate('records.corrections.col_reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {corrections.map((c) => (
                <TableRow key={c.id}>
                  <TableCell sx={{ whiteSpace: { sm: 'nowrap' } }}>{formatDate(c.at, 'dateTime')}</TableCell>
                  <TableCell>{what(c)}</TableCell>
                  <TableCell>{c.actorName ?? translate('records.corrections.by_unknown')}</TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', minWidth: '8em' }}>{c.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
};
