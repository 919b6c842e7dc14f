export const ROLES = ['admin', 'practitioner', 'client'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ['admin', 'practitioner'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const RESOURCES = [
  'users',
  'clients',
  'cases',
  'sessions',
  'scale-scores',
  'exceptions',
  'exercises',
  'assignments',
  'audit-events',
  'dashboard',
  'scheduling',
  'me',
  'measures',
  'measure-schedules',
  'measure-responses',
  'intake-requests',
  'practice',
  'outbox',
  'fhir',
  'erasure-requests',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ['list', 'read', 'create', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

const ALL: readonly Action[] = ACTIONS;
const READ_ONLY: readonly Action[] = ['list', 'read'];
const WRITE_NO_DELETE: readonly Action[] = ['list', 'read', 'create', 'update'];

/**
 * What each role may do with each resource; anything not listed is denied. Row-level rules are the
 * API's: a practitioner sees only their own (or shared) cases and deletes only their own custom
 * exercises; built-in exercises are never changed; signed notes are never edited; cases are closed,
 * not deleted. `me` is the client portal, which only clients use.
 */
export const PERMISSIONS: Readonly<Record<Role, Partial<Record<Resource, readonly Action[]>>>> = Object.freeze({
  admin: {
    users: ALL,
    clients: ALL,
    cases: ALL,
    sessions: ALL,
    'scale-scores': ALL,
    exceptions: ALL,
    exercises: ALL,
    assignments: ALL,
    'audit-events': READ_ONLY,
    dashboard: READ_ONLY,
    scheduling: ALL,
    measures: READ_ONLY,
    'measure-schedules': WRITE_NO_DELETE,
    'measure-responses': WRITE_NO_DELETE,
    'intake-requests': WRITE_NO_DELETE,
    practice: ['read', 'update'],
    // the e-mails the practice sent or keeps (no SMTP_URL): addresses, never clinical text
    outbox: READ_ONLY,
    // Records out: FHIR read-outs of what the actor may see; clients' requests to erase, decided by admins.
    fhir: READ_ONLY,
    'erasure-requests': ['list', 'read', 'update'],
  },
  practitioner: {
    clients: WRITE_NO_DELETE,
    cases: WRITE_NO_DELETE,
    // Row rules in the API: only unsigned sessions, only ratings and exceptions they recorded themselves.
    sessions: ALL,
    'scale-scores': ALL,
    exceptions: ALL,
    exercises: ALL,
    assignments: ALL,
    dashboard: READ_ONLY,
    // Row rules in the API: their own zone, working hours and calendar feed; the policy is read only.
    scheduling: ALL,
    // Built-in measures are read-only for everyone; schedules end (active = false), never vanish.
    measures: READ_ONLY,
    'measure-schedules': WRITE_NO_DELETE,
    'measure-responses': WRITE_NO_DELETE,
    fhir: READ_ONLY,
  },
  client: {
    me: WRITE_NO_DELETE,
  },
});

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

export function isStaffRole(role: Role): role is StaffRole {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}

/** Whether a role may take an action on a resource. Unknown roles, resources or actions: no. */
export function can(role: Role, resource: Resource, action: Action): boolean {
  if (!isRole(role)) return false;
  const grants = PERMISSIONS[role];
  if (!Object.hasOwn(grants, resource)) return false;
  return grants[resource]!.includes(action);
}

/** Minutes without activity after which a session ends, by role. */
export const IDLE_TIMEOUT_MINUTES: Readonly<Record<Role, number>> = Object.freeze({
  admin: 15,
  practitioner: 15,
  client: 30,
});

/** A session ends this many hours after sign-in, whatever the activity. */
export const ABSOLUTE_SESSION_HOURS = 12;
