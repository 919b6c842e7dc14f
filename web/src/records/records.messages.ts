/**
 * Words of what is captured and now shown (a rating's follow-ups, an exception's full view, check-in
 * notes, the client's own moments and their place in the six stages), under the `records` key of
 * the app's messages. Simplified Chinese is in records.zh.messages.ts and must have the same shape.
 */
export const recordsEnMessages = {
  records: {
    /** A label before its text: "Thoughts: …" (Chinese uses a full-width colon). */
    label_colon: '%{label}:',
    follow_ups: {
      heading: 'Follow-ups',
      keeps_from_lower: 'What keeps it from being lower',
      one_point_higher: 'What one point higher would look like',
      none: 'Not answered',
    },
    exception: {
      open: 'Open',
      open_label: 'Open the exception of %{date}',
      title: 'Exception of %{date}',
      by_client: 'Logged by the client',
      by_staff: 'Logged by staff',
      deep_heading: 'Deep description',
      bodily: 'In the body',
      capacity: 'Forgotten capacity it shows',
      if_more_often: 'If it happened more often',
      deep_none: 'No deep description yet. The stage 4 exercise "Exception deep description" adds one.',
      not_answered: 'Not answered',
      close: 'Close',
    },
    corrections: {
      past_due_confirm: 'Yes, give it with a due date already past',
      past_due_help: 'The homework will show as overdue from the start.',
      remove: 'Remove',
      remove_label: 'Remove the entry of %{date}',
      remove_rating_title: 'Remove the rating of %{date}?',
      remove_exception_title: 'Remove the exception of %{date}?',
      remove_content: 'Only for an entry made by mistake. The removal is recorded in the audit log.',
      removed: 'Entry removed',
      change_due: 'Change due date',
      change_due_label: 'Change the due date of %{title}',
      change_due_title: 'Change the due date',
      due_changed: 'Due date changed',
      withdraw: 'Withdraw',
      withdraw_label: 'Withdraw %{title}',
      withdraw_title: 'Withdraw this homework?',
      withdraw_content: 'The client will no longer see it. Homework already sent cannot be withdrawn.',
      withdrawn: 'Homework withdrawn',
    },
    case_status: {
      close: 'Close case',
      reopen: 'Reopen case',
      close_title: 'Close this case?',
      reopen_title: 'Reopen this case?',
      reason: 'Reason',
      reason_help: 'Kept with the case for the record; the audit log notes only that it happened.',
      closed: 'Case closed',
      reopened: 'Case reopened',
    },
    stage_move: {
      confirm_back: 'Yes, this is a move back to stage 1, not a new cycle',
      confirm_back_help: 'Read as a move back, the schedule will show the case weeks behind. To start again, tick "Start a new cycle" instead.',
      confirm_back_required: 'Tick "Start a new cycle", or confirm that this is a move back',
    },
    homework: {
      both_partners: 'Both partners (one assignment each)',
    },
    sessions: {
      recorded_here: 'Recorded in this session',
      no_ratings_here: 'No rating recorded in this session yet. Ratings and exceptions heard here go into the case from this page.',
      rating_here: '%{name}: %{score} (%{source})',
      addendum_by: 'By %{name}, %{date}',
      empty_note: 'Write at least one section of the note before signing it.',
    },
    progress: {
      new_best_mark: '★',
      new_best: '(new best)',
      new_best_hint: '%{mark} marks each new best on the scale.',
    },
    check_ins: {
      heading: 'Check-in notes',
      none: 'No check-ins yet.',
      day: 'Day of %{date}',
      week: 'Week of %{date}',
    },
    portal: {
      scale_range: 'Choose a number from %{min} to %{max}, in steps of %{step}.',
      nav_moments: 'My good moments',
      moments_title: 'My good moments',
      moments_intro: 'The moments you logged when things were better. Read them again whenever you like.',
      moments_none: 'You have not logged a good moment yet.',
      log_one: 'Log a good moment',
      what_i_did: 'What I did differently',
      thoughts: 'What I thought',
      emotions: 'What I felt',
      meaning: 'What it tells me',
      deep_heading: 'Described in depth',
      stages_heading: 'Where you are in the six stages',
      stage_current: 'You are here',
      stage_done: 'Done',
      stage_ahead: 'Ahead',
      stage_item: 'Stage %{stage}: %{title}',
    },
  },
};

export type RecordsMessages = typeof recordsEnMessages;
