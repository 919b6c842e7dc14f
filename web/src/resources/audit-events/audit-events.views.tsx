import { useMediaQuery, type Theme } from '@mui/material';
import type { AuditEventDto } from '@attune/domain';
import {
  DataTable,
  DateTimeInput,
  List,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
} from 'react-admin';
import { DateText, useFormatDate } from '../../shared/use-format';
import { parseLocalDateTime } from '../sessions/sessions.inputs';
import { ExportingListActions } from '../../lists/export-csv.button';

/** The actions an admin filters by most: reads of clinical content, changes, sign-ins and refused attempts. */
const AUDIT_ACTIONS = [
  'read', 'list', 'create', 'update', 'delete', 'login', 'login_failed',
  'unauthenticated', 'denied', 'not_found', 'xsrf_rejected', 'rate_limited',
] as const;
const auditActionChoices = AUDIT_ACTIONS.map((id) => ({ id, name: `attune.audit.actions.${id}` }));

const auditFilters = [
  <ReferenceInput key="actorId" source="actorId" reference="users" sort={{ field: 'displayName', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText="displayName" label="resources.audit-events.fields.actorId" filterToQuery={(q) => ({ q })} />
  </ReferenceInput>,
  <SelectInput key="action" source="action" choices={auditActionChoices} alwaysOn />,
  <TextInput key="entity" source="entity" />,
  <TextInput key="entityId" source="entityId" />,
  <ReferenceInput key="caseId" source="caseId" reference="cases" sort={{ field: 'openedAt', order: 'DESC' }} filter={{}} alwaysOn>
    <AutocompleteInput optionText="title" label="resources.audit-events.fields.caseId" filterToQuery={(q) => ({ q })} sx={{ minWidth: 300 }} />
  </ReferenceInput>,
  <DateTimeInput key="at_gte" source="at_gte" label="attune.audit.from" parse={parseLocalDateTime} alwaysOn />,
  <DateTimeInput key="at_lte" source="at_lte" label="attune.audit.to" parse={parseLocalDateTime} alwaysOn />,
];

/**
 * Who did what to which record, when and from where: read only. The case filter picks a case by its
 * title, so "who opened Chen Jing's case" needs no record id; list reads show there too (one event per
 * case a list returned rows of, action "list"), and refused attempts under their own actions.
 */
export const AuditEventList = () => {
  const formatDate = useFormatDate();
  // on a phone each event is a list item: who, what on which record, when and from where
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List filters={auditFilters} sort={{ field: 'at', order: 'DESC' }} perPage={50} actions={<ExportingListActions />}
      sx={{ '& .RaFilterForm-root': { flexWrap: 'wrap' }, '& .RaFilterFormInput-body, & .MuiAutocomplete-root': { maxWidth: '100%', minWidth: 0 } }}>
      {phone ? (
        <SimpleList<AuditEventDto>
          rowClick={false}
          primaryText={<ReferenceField source="actorId" reference="users" link={false} emptyText="—"><TextField source="displayName" /></ReferenceField>}
          secondaryText={(e) => [e.action, e.entity, e.entityId].filter(Boolean).join(' · ')}
          tertiaryText={(e) => [formatDate(e.at, 'dateTime'), e.ip].filter(Boolean).join(' · ')}
          sx={{ '& .MuiListItemText-root': { overflowWrap: 'anywhere' } }}
        />
      ) : <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="at">
          <DateText source="at" style="dateTime" />
        </DataTable.Col>
        <DataTable.Col source="actorId">
          <ReferenceField source="actorId" reference="users" link={false} emptyText="—">
            <TextField source="displayName" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="action" />
        <DataTable.Col source="entity" />
        <DataTable.Col source="entityId" disableSort />
        <DataTable.Col source="caseId" disableSort>
          <ReferenceField source="caseId" reference="cases" link="show" emptyText="">
            <TextField source="title" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="ip" disableSort />
      </DataTable>}
    </List>
  );
};
