import { backMoveNeedsConfirming, classifyTransition, isDomainError, transitionInputSchema, type CaseDto, type StageNumber } from '@attune/domain';
import SwapVertIcon from '@mui/icons-material/SwapVert';
import { BooleanInput, SelectInput, TextInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { zodFormValidator, nestFieldErrors } from '../../../forms/zod-form-validator';
import { useAttuneDataProvider } from '../../../data/data-provider';
import { STAGE_CHOICES } from '../../../shared/choices';
import { FormDialog } from '../../../shared/form-dialog';

interface MoveStageValues extends Record<string, unknown> {
  toStage?: number;
  reason?: string;
  newCycle?: boolean;
  /** Ticked to say that a 6 → 1 move without a new cycle really is a move back. */
  backConfirmed?: boolean;
}

/** The shared schema, then the shared move rules (same stage, new cycle only from stage 6). */
function validateMove(from: StageNumber) {
  const bySchema = zodFormValidator<MoveStageValues>(transitionInputSchema);
  return (values: MoveStageValues) => {
    const errors = bySchema(values);
    if (Object.keys(errors).length > 0) return errors;
    try {
      classifyTransition(from, values.toStage as StageNumber, values.newCycle === true);
      if (backMoveNeedsConfirming(from, values.toStage as StageNumber, values.newCycle === true) && values.backConfirmed !== true) {
        return { backConfirmed: 'records.stage_move.confirm_back_required' };
      }
      return {};
    } catch (error) {
      if (isDomainError(error) && error.fields) return nestFieldErrors(error.fields);
      throw error;
    }
  };
}

/** From stage 6 to stage 1 without a new cycle: asks whether that really is a move back. */
const ConfirmBackMove = () => {
  const toStage = useWatch({ name: 'toStage' }) as number | undefined;
  const newCycle = useWatch({ name: 'newCycle' }) as boolean | undefined;
  if (!backMoveNeedsConfirming(6, (toStage ?? 6) as StageNumber, newCycle === true)) return null;
  return <BooleanInput source="backConfirmed" label="records.stage_move.confirm_back" helperText="records.stage_move.confirm_back_help" />;
};

/** Moves a case forward, back, or into a new cycle from stage 6, with a recorded reason. */
export const MoveStageButton = ({ record }: { record: CaseDto }) => {
  const dataProvider = useAttuneDataProvider();
  if (record.status === 'closed') return null;
  const atLastStage = record.stage === 6;
  return (
    <FormDialog
      buttonLabel="attune.workspace.move_stage"
      title="attune.workspace.move_stage_title"
      buttonIcon={<SwapVertIcon />}
      buttonProps={{ variant: 'contained' }}
      saveLabel="attune.workspace.move_stage_confirm"
      successMessage="attune.workspace.stage_moved"
      defaultValues={{ toStage: atLastStage ? 1 : record.stage + 1, reason: '', newCycle: false, backConfirmed: false }}
      validate={validateMove(record.stage) as never}
      onSubmit={(values) => {
        const { toStage, reason, newCycle } = values as MoveStageValues;
        return dataProvider.moveStage(record.id, {
          toStage: toStage as StageNumber,
          reason: String(reason ?? ''),
          ...(atLastStage && newCycle ? { newCycle: true } : {}),
        });
      }}
    >
      <SelectInput source="toStage" label="attune.workspace.to_stage" choices={STAGE_CHOICES} isRequired />
      <TextInput source="reason" label="attune.workspace.reason" multiline minRows={3} isRequired helperText="attune.workspace.reason_help" />
      {atLastStage ? <BooleanInput source="newCycle" label="attune.workspace.new_cycle" helperText="attune.workspace.new_cycle_help" /> : null}
      {atLastStage ? <ConfirmBackMove /> : null}
    </FormDialog>
  );
};
