/**
 * The words of the lists' export, row links, case reassignment and closing, under the `lists` key
 * of the app's messages. Simplified Chinese is in lists.zh.messages.ts with the same shape.
 */
export const listsEnMessages = {
  lists: {
    export: 'Export',
    export_label: 'Export this list as a CSV file',
    export_failed: 'The export did not work: %{message}',
    export_busy: 'Too many exports in a short time. Try again in a minute.',
    open_row: 'Open %{name}',
    reassign: {
      button: 'Reassign',
      title: 'Reassign this case',
      help: 'The case moves to the practitioner you choose. Its clients go with it, unless the current practitioner still has another case with them.',
      practitioner: 'New practitioner',
      reason: 'Reason',
      reason_help: 'Kept with the case\'s history, not in the audit log.',
      save: 'Reassign',
      done: 'The case was reassigned',
    },
    profile: {
      title: 'Client profile',
      details: 'Details',
      pronouns: 'Pronouns',
      email: 'Email',
      phone: 'Phone',
      status: 'Status',
      none: '—',
      portal: 'Portal account',
      portal_state: {
        invited: 'Invited, the link works until %{expires}',
        invitation_expired: 'Invitation expired on %{expires}: send a new one',
        none: 'No portal account',
        deactivated: 'Deactivated',
        never_signed_in: 'Created, never signed in',
        active: 'Active, last signed in %{date}',
      },
      cases: 'Cases',
      no_cases: 'No cases yet',
      case_line: 'Stage %{stage} · %{title}',
      sessions: 'Recent sessions',
      no_sessions: 'No sessions yet',
      homework: 'Homework',
      no_homework: 'No homework yet',
      due: 'due %{date}',
      ratings: 'Ratings on the scale',
      no_ratings: 'No ratings yet',
      rating_line: '%{score} on %{date} (%{source})',
      self_rating: 'Rated themselves %{score}',
      own_words: 'In their own words',
      no_own_words: 'Nothing written by the client yet',
      edit: 'Edit details',
      open_profile: 'Profile of %{name}',
    },
    close_case: {
      button: 'Close case',
      title: 'Close this case',
      help: 'A closed case stays in the record and can be reopened. Cases are closed, never deleted.',
      done: 'The case was closed',
    },
  },
};

export type ListsMessages = typeof listsEnMessages;
