import {
  ABSOLUTE_SESSION_HOURS,
  ACTIONS,
  IDLE_TIMEOUT_MINUTES,
  PERMISSIONS,
  RESOURCES,
  ROLES,
  STAFF_ROLES,
  can,
  isRole,
  isStaffRole,
  type Action,
  type Resource,
  type Role,
} from './permissions.js';

const CLINICAL: Resource[] = ['clients', 'cases', 'sessions', 'scale-scores', 'exceptions', 'assignments', 'exercises'];

describe('roles', () => {
  it('are admin, practitioner and client; staff are the first two', () => {
    expect(ROLES).toEqual(['admin', 'practitioner', 'client']);
    expect(STAFF_ROLES).toEqual(['admin', 'practitioner']);
    expect(isStaffRole('practitioner')).toBe(true);
    expect(isStaffRole('client')).toBe(false);
    expect(isRole('admin')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});

describe('can', () => {
  it('lets an admin do everything with users and clinical records', () => {
    for (const resource of ['users', ...CLINICAL] as Resource[]) {
      for (const action of ACTIONS) expect(can('admin', resource, action)).toBe(true);
    }
    expect(can('admin', 'dashboard', 'read')).toBe(true);
  });

  it('lets an admin only read the audit log', () => {
    expect(can('admin', 'audit-events', 'list')).toBe(true);
    expect(can('admin', 'audit-events', 'read')).toBe(true);
    for (const action of ['create', 'update', 'delete'] as Action[]) expect(can('admin', 'audit-events', action)).toBe(false);
  });

  it('lets a practitioner work a caseload but delete only mistaken entries (unsigned sessions, own ratings and exceptions)', () => {
    for (const resource of CLINICAL) {
      for (const action of ['list', 'read', 'create', 'update'] as Action[]) expect(can('practitioner', resource, action)).toBe(true);
    }
    for (const resource of ['clients', 'cases'] as Resource[]) {
      expect(can('practitioner', resource, 'delete')).toBe(false);
    }
    expect(can('practitioner', 'exceptions', 'delete')).toBe(true);
    expect(can('practitioner', 'sessions', 'delete')).toBe(true);
    expect(can('practitioner', 'scale-scores', 'delete')).toBe(true);
    expect(can('practitioner', 'exercises', 'delete')).toBe(true);
    expect(can('practitioner', 'assignments', 'delete')).toBe(true);
    expect(can('practitioner', 'dashboard', 'read')).toBe(true);
  });

  it('keeps practitioners away from users and the audit log', () => {
    for (const action of ACTIONS) {
      expect(can('practitioner', 'users', action)).toBe(false);
      expect(can('practitioner', 'audit-events', action)).toBe(false);
    }
  });

  it('keeps clients to their own portal', () => {
    for (const resource of RESOURCES) {
      for (const action of ACTIONS) {
        const allowed = resource === 'me' && action !== 'delete';
        expect(can('client', resource, action)).toBe(allowed);
      }
    }
  });

  it('lets only admins read the outbox of e-mails, and nobody change it', () => {
    expect(can('admin', 'outbox', 'list')).toBe(true);
    for (const action of ['create', 'update', 'delete'] as const) expect(can('admin', 'outbox', action)).toBe(false);
    for (const action of ACTIONS) expect(can('practitioner', 'outbox', action)).toBe(false);
  });

  it('keeps staff out of the client portal', () => {
    expect(can('admin', 'me', 'read')).toBe(false);
    expect(can('practitioner', 'me', 'read')).toBe(false);
  });

  it('denies anything unknown', () => {
    expect(can('guest' as Role, 'cases', 'read')).toBe(false);
    expect(can('admin', 'billing' as Resource, 'read')).toBe(false);
    expect(can('admin', 'constructor' as Resource, 'read')).toBe(false);
    expect(can('admin', 'cases', 'approve' as Action)).toBe(false);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(PERMISSIONS)).toBe(true);
  });
});

describe('session limits', () => {
  it('times out staff after 15 idle minutes and clients after 30, everyone after 12 hours', () => {
    expect(IDLE_TIMEOUT_MINUTES).toEqual({ admin: 15, practitioner: 15, client: 30 });
    expect(ABSOLUTE_SESSION_HOURS).toBe(12);
  });
});
