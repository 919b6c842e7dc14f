import type { ExerciseCadence } from '@attune/domain';
import { useTranslate } from 'react-admin';

/** A cadence in words: "Once", "Daily for 7 days", "Weekly for 4 weeks". */
export const useCadenceText = () => {
  const translate = useTranslate();
  return (cadence: ExerciseCadence | undefined) => {
    if (!cadence) return '';
    if (cadence.kind === 'daily') return translate('attune.exercises_library.cadence_daily', { smart_count: cadence.days });
    if (cadence.kind === 'weekly') return translate('attune.exercises_library.cadence_weekly', { smart_count: cadence.weeks });
    return translate('attune.enums.cadence_kind.once');
  };
};
