import type { Role } from './permissions.js';

/** Who is looking: the signed-in user's role, practice and id. */
export interface CaseViewer {
  role: Role;
  practiceId: string;
  userId: string;
}

/** What decides who sees a case (and everything that hangs off it): its practice and practitioner. */
export interface CaseOwnership {
  practiceId: string;
  practitionerId: string;
}

/**
 * Case visibility: a case is seen by the admins of its practice and by its own practitioner, by
 * nobody of another practice. The same rule in SQL is `caseScopeSql` below.
 */
export function canSeeCase(viewer: CaseViewer, kase: CaseOwnership): boolean {
  return kase.practiceId === viewer.practiceId && (viewer.role === 'admin' || kase.practitionerId === viewer.userId);
}

/** The practitioner whose caseload bounds what the viewer sees: null for an admin (the whole practice). */
export function caseloadOf(viewer: CaseViewer): string | null {
  return viewer.role === 'admin' ? null : viewer.userId;
}

/** The columns holding a row's practice and its (or its case's) practitioner, e.g. `k.practice_id`. */
export interface CaseScopeColumns {
  practice: string;
  practitioner: string;
}

const COLUMN = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
const PARAMETER = /^(\$[1-9][0-9]*|:[a-zA-Z][a-zA-Z0-9]*)$/;

/** The two parameters of `caseScopeSql`, in its order: the viewer's practice and caseload. */
export function caseScopeParams(viewer: CaseViewer): [practiceId: string, caseload: string | null] {
  return [viewer.practiceId, caseloadOf(viewer)];
}

/**
 * `canSeeCase` as a SQL condition over the given columns; its two parameters are
 * `caseScopeParams(viewer)`. `at` names them: positions for raw SQL (`['$1', '$2']`) or names for
 * TypeORM's query builder (`[':scopePracticeId', ':scopeUserId']`). A property test
 * (api/src/common/domain-sql.e2e-spec.ts) checks it agrees with canSeeCase on PostgreSQL.
 */
export function caseScopeSql(columns: CaseScopeColumns, at: readonly [practice: string, caseload: string] = ['$1', '$2']): string {
  for (const column of [columns.practice, columns.practitioner]) {
    if (!COLUMN.test(column)) throw new Error(`caseScopeSql: "${column}" is not a column name`);
  }
  for (const p of at) {
    if (!PARAMETER.test(p)) throw new Error(`caseScopeSql: "${p}" is not a parameter placeholder`);
  }
  const [practice, caseload] = at;
  // CAST(… AS uuid) rather than `::uuid`: TypeORM reads `:name::uuid` as two parameters.
  return `${columns.practice} = ${practice} AND (CAST(${caseload} AS uuid) IS NULL OR ${columns.practitioner} = CAST(${caseload} AS uuid))`;
}
