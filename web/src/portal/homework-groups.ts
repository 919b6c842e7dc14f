import type { PortalAssignmentDetail, PortalAssignmentSummary } from './portal-types';

export type HomeworkGroup = 'overdue' | 'due' | 'waiting' | 'feedback';

/** Which heading a piece of homework goes under; reviewed homework, newest first, with its feedback. */
export function groupHomework(items: readonly PortalAssignmentSummary[]): Record<HomeworkGroup, PortalAssignmentSummary[]> {
  const groups: Record<HomeworkGroup, PortalAssignmentSummary[]> = { overdue: [], due: [], waiting: [], feedback: [] };
  for (const item of items) {
    if (item.status === 'reviewed') groups.feedback.push(item);
    else if (item.status === 'submitted') groups.waiting.push(item);
    else if (item.overdue) groups.overdue.push(item);
    else groups.due.push(item);
  }
  const byDue = (a: PortalAssignmentSummary, b: PortalAssignmentSummary) => a.dueAt.localeCompare(b.dueAt);
  groups.overdue.sort(byDue);
  groups.due.sort(byDue);
  groups.waiting.sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''));
  groups.feedback.sort((a, b) => (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? ''));
  return groups;
}

/**
 * The homework list as it stands once one piece has changed here (a draft saved, answers sent), so
 * that going back to it never shows the old state while it is fetched again.
 */
export function withChangedAssignment(
  list: PortalAssignmentSummary[] | undefined,
  changed: Pick<PortalAssignmentDetail, 'id' | 'status' | 'overdue' | 'draftSavedAt' | 'submittedAt' | 'reviewedAt' | 'sharedWithPartner'>,
): PortalAssignmentSummary[] | undefined {
  return list?.map((item) =>
    item.id === changed.id
      ? {
          ...item,
          status: changed.status,
          overdue: changed.overdue,
          draftSavedAt: changed.draftSavedAt,
          submittedAt: changed.submittedAt,
          reviewedAt: changed.reviewedAt,
          sharedWithPartner: changed.sharedWithPartner,
        }
      : item,
  );
}
