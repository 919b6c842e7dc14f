import type { SelectQueryBuilder } from 'typeorm';

/**
 * Everything a session's answer shows, as one select over `therapy_sessions s JOIN cases k`: the
 * row, the case's title and practitioner, the attendees' names, the note's addenda and the open
 * change requests (correlated subqueries, so a page of the calendar is one statement).
 */
export const SESSION_COLUMNS: ReadonlyArray<[string, string]> = [
  ...[
    'id', 'practice_id', 'case_id', 'starts_at', 'duration_minutes', 'format', 'attendee_ids', 'stage', 'note', 'signed_at',
    'signed_by', 'note_hash', 'created_by', 'created_at', 'updated_at', 'version', 'status', 'meeting_format', 'location',
    'series_id', 'time_zone', 'cancelled_by', 'cancel_reason', 'cancelled_late', 'cancelled_at', 'conflict_override_reason',
  ].map((c): [string, string] => [`s.${c}`, c]),
  ['k.title', 'case_title'],
  ['k.practitioner_id', 'practitioner_id'],
  [`ARRAY(SELECT c.display_name FROM clients c WHERE c.id = ANY(s.attendee_ids) ORDER BY array_position(s.attendee_ids, c.id))`, 'attendee_names'],
  [`(SELECT coalesce(json_agg(json_build_object('id', a.id, 'authorId', a.author_id, 'text', a.text, 'position', a.position,
        'hash', a.hash, 'createdAt', a.created_at, 'authorName', (SELECT u.display_name FROM users u WHERE u.id = a.author_id)) ORDER BY a.position), '[]'::json)
      FROM session_addenda a WHERE a.session_id = s.id)`, 'addenda'],
  [`(SELECT coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'message', r.message, 'clientId', r.client_id,
        'createdAt', r.created_at) ORDER BY r.created_at), '[]'::json)
      FROM session_change_requests r WHERE r.session_id = s.id AND r.resolved_at IS NULL)`, 'change_requests'],
];

/** The sign-ins of the clients attending `s` that have a portal account: whom a message about the appointment reaches. */
export const ATTENDING_ACCOUNTS_SQL = `ARRAY(SELECT c.portal_user_id FROM clients c WHERE c.id = ANY(s.attendee_ids) AND c.portal_user_id IS NOT NULL)`;

export function selectSessionColumns<T extends object>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  const [first, ...rest] = SESSION_COLUMNS;
  qb.select(first![0], first![1]);
  for (const [expression, alias] of rest) qb.addSelect(expression, alias);
  return qb;
}
