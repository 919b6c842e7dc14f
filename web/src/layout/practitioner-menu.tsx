import AssignmentIcon from '@mui/icons-material/Assignment';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import DashboardIcon from '@mui/icons-material/Dashboard';
import FolderSharedIcon from '@mui/icons-material/FolderShared';
import HistoryIcon from '@mui/icons-material/History';
import OutboxIcon from '@mui/icons-material/Outbox';
import InboxIcon from '@mui/icons-material/MoveToInbox';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import PeopleIcon from '@mui/icons-material/People';
import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import { can, type Resource, type Role } from '@attune/domain';
import type { ReactElement } from 'react';
import { Menu, usePermissions, useTranslate } from 'react-admin';

interface MenuEntry {
  resource: Resource;
  to: string;
  label: string;
  icon: ReactElement;
}

/** The practitioner menu, in the order the day's work runs. Admins also see users and the audit log. */
export const MENU_ENTRIES: readonly MenuEntry[] = [
  { resource: 'dashboard', to: '/', label: 'attune.menu.dashboard', icon: <DashboardIcon /> },
  { resource: 'scheduling', to: '/calendar', label: 'calendar.menu', icon: <CalendarMonthIcon /> },
  { resource: 'cases', to: '/cases', label: 'attune.menu.cases', icon: <FolderSharedIcon /> },
  { resource: 'clients', to: '/clients', label: 'attune.menu.clients', icon: <PeopleIcon /> },
  { resource: 'exercises', to: '/exercises', label: 'attune.menu.exercises', icon: <AssignmentIcon /> },
  { resource: 'users', to: '/users', label: 'attune.menu.users', icon: <ManageAccountsIcon /> },
  { resource: 'audit-events', to: '/audit-events', label: 'attune.menu.audit_log', icon: <HistoryIcon /> },
  { resource: 'intake-requests', to: '/intake-requests', label: 'measures.intake.title', icon: <InboxIcon /> },
  { resource: 'outbox', to: '/outbox', label: 'notifications.outbox.menu', icon: <OutboxIcon /> },
  { resource: 'erasure-requests', to: '/erasure-requests', label: 'recordsOut.erasure.menu', icon: <DeleteSweepIcon /> },
];

/** The entries a role may list, from the shared permission rules. */
export function menuEntriesFor(role: Role | undefined): MenuEntry[] {
  if (!role) return [];
  return MENU_ENTRIES.filter((entry) => can(role, entry.resource, 'list'));
}

export const PractitionerMenu = () => {
  const { permissions } = usePermissions<Role>();
  const translate = useTranslate();
  return (
    <Menu>
      {menuEntriesFor(permissions).map((entry) => (
        <Menu.Item key={entry.to} to={entry.to} primaryText={translate(entry.label)} leftIcon={entry.icon} />
      ))}

    </Menu>
  );
};
