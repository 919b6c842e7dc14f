import type { MouseEvent } from 'react';
import { Link, useCreatePath, useRecordContext, useResourceContext } from 'react-admin';

/**
 * The row's name as a real link to its page, so a row opens with the keyboard (Tab, Enter) and
 * reads as a link to a screen reader; a click on it does not also fire the row's click.
 */
export const RowLink = ({ source, type = 'show' }: { source: string; type?: 'show' | 'edit' }) => {
  const record = useRecordContext();
  const resource = useResourceContext();
  const createPath = useCreatePath();
  if (!record || !resource) return null;
  return (
    <Link to={createPath({ resource, id: record.id, type })} onClick={(event: MouseEvent) => event.stopPropagation()}>
      {String(record[source] ?? '')}
    </Link>
  );
};
