import { recordedTimeIssue } from '@attune/domain';
import { badRequest } from './api-errors.js';

/** 400 naming `field` when libs' rule refuses the time (before the case opened, or in the future). */
export function assertRecordedTime(value: string | Date | undefined, field: string, caseOpenedAt: Date): void {
  if (value === undefined) return;
  const issue = recordedTimeIssue(value, caseOpenedAt);
  if (issue) throw badRequest({ [field]: issue });
}
