import { caseInputSchema, type CaseDto } from '@attune/domain';
import { Stack, useMediaQuery, type Theme } from '@mui/material';
import {
  Create,
  DataTable,
  Edit,
  FunctionField,
  List,
  ReferenceArrayField,
  SelectInput,
  SimpleForm,
  SimpleList,
  SingleFieldList,
  ChipField,
  useTranslate,
} from 'react-admin';
import { zodFormValidator } from '../../forms/zod-form-validator';
import { enumChoices, enumKey, STAGE_CHOICES, stageTitleKey } from '../../shared/choices';
import { EnumChip } from '../../shared/enum-chip';
import { QuickSearchInput } from '../../shared/quick-search.input';
import { ScheduleText } from '../../shared/schedule-text';
import { DateText } from '../../shared/use-format';
import { CaseInputs } from './cases.inputs';
import { ExportingListActions } from '../../lists/export-csv.button';
import { SaveOnlyToolbar } from '../../lists/save-only.toolbar';
import { RowLink } from '../../lists/row-link';

const validateCase = zodFormValidator(caseInputSchema);

const caseFilters = [
  <QuickSearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="stage" source="stage" choices={STAGE_CHOICES} />,
  <SelectInput key="status" source="status" choices={enumChoices('case_status')} />,
  <SelectInput key="alert" source="alert" label="attune.cases.filter_alert" choices={enumChoices('alert_kind')} />,
  <SelectInput key="kind" source="kind" choices={enumChoices('case_kind')} />,
];

const StageCell = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={0.25}>
      <span>
        {record.stage} · {translate(stageTitleKey(record.stage))}
      </span>
      <ScheduleText record={record} variant="caption" />
    </Stack>
  );
};

const AlertsCell = ({ record }: { record: CaseDto }) => (
  <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
    {(record.alerts ?? []).map((alert, index) => (
      <EnumChip key={`${alert.kind}-${index}`} enumeration="alert_kind" value={alert.kind} color={alert.severity === 'high' ? 'error' : 'warning'} title={alert.message} />
    ))}
  </Stack>
);

/** A phone's case list: one line per case with its stage and schedule, each a link. */
const CaseSimpleList = () => {
  const translate = useTranslate();
  return (
    <SimpleList<CaseDto>
      linkType="show"
      primaryText={(record) => record.title}
      secondaryText={(record) => `${record.stage} · ${translate(stageTitleKey(record.stage))}`}
      tertiaryText={(record) => translate(enumKey('case_status', record.status))}
    />
  );
};

export const CaseList = () => {
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
  <List filters={caseFilters} filterDefaultValues={{ status: 'open' }} sort={{ field: 'openedAt', order: 'DESC' }} perPage={25} actions={<ExportingListActions />}>
    {phone ? <CaseSimpleList /> : <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="title">
        <RowLink source="title" />
      </DataTable.Col>
      <DataTable.Col source="kind">
        <FunctionField<CaseDto> render={(record) => <EnumChip enumeration="case_kind" value={record.kind} />} />
      </DataTable.Col>
      <DataTable.Col source="clientIds" disableSort>
        <ReferenceArrayField source="clientIds" reference="clients">
          <SingleFieldList linkType="show">
            <ChipField source="displayName" size="small" />
          </SingleFieldList>
        </ReferenceArrayField>
      </DataTable.Col>
      <DataTable.Col source="stage">
        <FunctionField<CaseDto> render={(record) => <StageCell record={record} />} />
      </DataTable.Col>
      <DataTable.Col source="alerts" disableSort>
        <FunctionField<CaseDto> render={(record) => <AlertsCell record={record} />} />
      </DataTable.Col>
      <DataTable.Col source="status">
        <FunctionField<CaseDto> render={(record) => <EnumChip enumeration="case_status" value={record.status} />} />
      </DataTable.Col>
      <DataTable.Col source="openedAt">
        <DateText source="openedAt" />
      </DataTable.Col>
    </DataTable>}
  </List>
  );
};

export const CaseCreate = () => (
  <Create redirect="show">
    <SimpleForm validate={validateCase} defaultValues={{ kind: 'individual', clientIds: [] }}>
      <CaseInputs />
    </SimpleForm>
  </Create>
);

export const CaseEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm validate={validateCase} toolbar={<SaveOnlyToolbar />}>
      <CaseInputs />
    </SimpleForm>
  </Edit>
);
