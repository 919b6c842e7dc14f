import DownloadIcon from '@mui/icons-material/Download';
import { Button as MuiButton } from '@mui/material';
import { useState } from 'react';
import { CreateButton, FilterButton, TopToolbar, useListContext, useNotify, useResourceDefinition, useTranslate } from 'react-admin';
import { errorMessageOf, type ApiErrorBody } from '../data/api-errors';
import { API_URL } from '../data/http-client';

/** `GET /api/<resource>/export.csv` with the list's filter and sort, as the API's export path reads them. */
export function exportUrl(resource: string, filterValues: Record<string, unknown>, sort: { field: string; order: string } | undefined): string {
  const params = new URLSearchParams({ filter: JSON.stringify(filterValues ?? {}) });
  if (sort?.field) params.set('sort', JSON.stringify([sort.field, sort.order]));
  return `${API_URL}/${encodeURIComponent(resource)}/export.csv?${params.toString()}`;
}

/** The file name the API gave, or `<resource>.csv`. */
function fileNameOf(response: Response, resource: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return match?.[1] ?? `${resource}.csv`;
}

/**
 * Exports every row of the list the person may see, with its current filter and sort: the API
 * streams the CSV (react-admin's own exporter would fetch pages of 1,000 rows, which the API refuses).
 */
export const ExportCsvButton = () => {
  const { resource, filterValues, sort, total } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const response = await fetch(exportUrl(resource, filterValues, sort), { credentials: 'same-origin', headers: { Accept: 'text/csv' } });
      if (!response.ok) {
        if (response.status === 429) notify('lists.export_busy', { type: 'warning' });
        else {
          const body = (await response.json().catch(() => ({}))) as ApiErrorBody;
          notify('lists.export_failed', { type: 'error', messageArgs: { message: translate(errorMessageOf(body, 'ra.notification.http_error')) } });
        }
        return;
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response, resource);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setBusy(false);
    }
  };

  return (
    <MuiButton
      size="small"
      startIcon={<DownloadIcon />}
      onClick={() => void download()}
      disabled={busy || total === 0}
      aria-label={translate('lists.export_label')}
    >
      {translate('lists.export')}
    </MuiButton>
  );
};

/** A list's toolbar: filters, create (where the resource has it), and the streamed CSV export. */
export const ExportingListActions = ({ createLabel }: { createLabel?: string }) => {
  const { hasCreate } = useResourceDefinition();
  return (
    <TopToolbar>
      <FilterButton />
      {hasCreate ? <CreateButton label={createLabel} /> : null}
      <ExportCsvButton />
    </TopToolbar>
  );
};
