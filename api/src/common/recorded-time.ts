import { plannedTimeIssue, recordedTimeIssue } from '@attune/domain';
import { badRequest } from './api-errors.js';

/** 400 naming `field` when libs' rule refuses the time (before the case opened, or in the future). */
export function assertRecordedTime(value: string | Date | undefined, field: string, caseOpenedAt: Date): void {
  if (value === undefined) return;
  const issue = recordedTimeIssue(value, caseOpenedAt);
  if (issue) throw badRequest({ [field]: issue });
}

/**
 * 400 when libs' rule refuses a planned time of the case (before it opened, beyond the horizon):
 * the first time names `field`; a later one of a series names `seriesField`.
 */
export function assertPlannedTimes(times: readonly Date[], field: string, caseOpenedAt: Date, seriesField = field): void {
  times.forEach((at, index) => {
    const issue = plannedTimeIssue(at, caseOpenedAt);
    if (issue) throw badRequest({ [index === 0 ? field : seriesField]: index === 0 ? issue : `appointment ${index + 1} of the series ${issue}` });
  });
}
