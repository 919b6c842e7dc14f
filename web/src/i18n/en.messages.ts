import type {
  AlertKind,
  AlertSeverity,
  AssignmentStatus,
  CaseKind,
  CaseStatus,
  ClientStatus,
  ExerciseAudience,
  ExerciseFieldKind,
  Role,
  ScaleScoreSource,
  SessionFormat,
  SessionNoteKey,
  StageNumber,
  TransitionKind,
} from '@attune/domain';
import englishMessages from 'ra-language-english';
import { portalEnMessages } from '../portal/portal.messages';
import type { TranslationMessages } from 'react-admin';

/** Every leaf of a message tree becomes a string: the shape the Chinese messages must match. */
export type MessageShape<T> = { [K in keyof T]: T[K] extends string ? string : MessageShape<T[K]> };

/** Enumerations are typed by the domain's own unions, so a new value without words breaks the build. */
export type EnumMessages = {
  alert_kind: Record<AlertKind, string>;
  alert_severity: Record<AlertSeverity, string>;
  assignment_status: Record<AssignmentStatus, string>;
  case_kind: Record<CaseKind, string>;
  case_status: Record<CaseStatus, string>;
  client_status: Record<ClientStatus, string>;
  exercise_audience: Record<ExerciseAudience, string>;
  cadence_kind: Record<'once' | 'daily' | 'weekly', string>;
  field_kind: Record<ExerciseFieldKind, string>;
  role: Record<Role, string>;
  score_source: Record<ScaleScoreSource, string>;
  session_format: Record<SessionFormat, string>;
  transition_kind: Record<TransitionKind, string>;
};

const enEnums: EnumMessages = {
  alert_kind: {
    measure_safety: 'Safety question answered',
    measure_deterioration: 'Reliable deterioration',
    setback: 'Setback',
    plateau: 'Plateau',
    partners_diverging: 'Partners diverging',
    homework_piling_up: 'Homework piling up',
    stage_overrun: 'Stage overrun',
  },
  alert_severity: { high: 'high', medium: 'medium', low: 'low' },
  assignment_status: { assigned: 'Assigned', in_progress: 'In progress', submitted: 'Submitted', reviewed: 'Reviewed' },
  case_kind: { individual: 'Individual', couple: 'Couple' },
  case_status: { open: 'Open', closed: 'Closed' },
  client_status: { active: 'Active', paused: 'Paused', discharged: 'Discharged' },
  exercise_audience: { individual: 'Individual', each_partner: 'Each partner', partners_together: 'Partners together' },
  cadence_kind: { once: 'Once', daily: 'Daily', weekly: 'Weekly' },
  field_kind: {
    text: 'Short text',
    longText: 'Long text',
    list: 'List',
    ranking: 'Ranking',
    scale: 'Scale 1-10',
    date: 'Date',
    choice: 'Choice',
    tags: 'Tags',
    boolean: 'Yes / no',
  },
  role: { admin: 'Admin', practitioner: 'Practitioner', client: 'Client' },
  score_source: { practitioner: 'Practitioner, in session', client: 'Client self-rating' },
  session_format: { individual: 'Individual', joint: 'Joint' },
  transition_kind: { forward: 'forward', back: 'back', new_cycle: 'new cycle' },
};

export const enAttune = {
  app: { name: 'Attune' },
  menu: {
    dashboard: 'Dashboard',
    cases: 'Cases',
    clients: 'Clients',
    exercises: 'Exercises',
    users: 'Users',
    audit_log: 'Audit log',
    /** The user menu's name starts with the name it shows, so a voice-control user can say what they see. */
    user_menu: '%{name}, profile and sign out',
  },
  auth: {
    heading: 'Sign in to Attune',
    subtitle: 'Case management for solution-focused attachment repair',
    email: 'Email',
    password: 'Password',
    totp: 'Authentication code',
    totp_help: 'The 6-digit code from your authenticator app, or a recovery code',
    sign_in: 'Sign in',
    totp_required: 'Enter the code from your authenticator app to finish signing in.',
    totp_invalid: 'That authentication code is not valid. Try the current code.',
    invalid_credentials: 'The email or password is not right.',
    throttled: 'Too many attempts. Wait a minute, then try again.',
    unavailable: 'Attune cannot be reached right now. Try again in a moment.',
  },
  validation: {
    required: 'Required',
    min_length: 'Must be at least %{min} characters long',
    max_length: 'Must be at most %{max} characters long',
    min_items: 'Must have at least %{min} items',
    max_items: 'Must have at most %{max} items',
    whole_number_between: 'Must be a whole number between %{min} and %{max}',
    one_of: 'Must be one of: %{options}',
    email: 'Must be a valid email address',
    date_time: 'Must be a date and time',
    date: 'Must be a date',
    scale: 'Must be between 1 and 10 in steps of 0.5',
  },
  enums: enEnums,
  /** An alert worded from its figures (`params` of the API's alert); the same sentences as the API's English `message`. */
  alerts: {
    measure_safety: '%{clientName}: the safety question of the %{measure} was answered above 0; check in today',
    measure_deterioration: '%{clientName}: %{measure} reliably worse, %{latest} against %{baseline} at the start',
    setback: '%{clientName}: latest %{latest} is %{drop} below best %{best}',
    plateau: '%{clientName}: no rise in the last %{ratings} ratings (%{scores}) over %{days} days',
    partners_diverging: '%{partnerA} (%{scoreA}) and %{partnerB} (%{scoreB}): latest scores %{gap} points apart',
    stage_overrun: "Stage %{stage} (%{stageTitle}): %{days} days in stage, %{daysOver} past the planned %{plannedDays} days plus %{graceDays} days' grace",
    homework_piling_up: '%{count} homework assignments are overdue',
  },
  schedule: {
    line: 'Day %{day} · stage %{stage} · %{state}',
    on_schedule: 'on schedule',
    behind: '1 day behind |||| %{smart_count} days behind',
    ahead: '1 day ahead |||| %{smart_count} days ahead',
  },
  clients: {
    display_name_help: 'A pseudonym is fine, e.g. "Chen Jing (pseudonym)"',
  },
  cases: {
    filter_alert: 'Alert',
    clients_help_individual: 'An individual case has one client',
    clients_help_couple: 'A couple case has both partners',
    presenting_concern_help: 'What brings them, in their own words where possible',
  },
  workspace: {
    opened: 'Opened %{date}',
    cycle: 'cycle %{cycle}',
    stages_label: 'Stages of the case',
    current_stage: 'Current',
    planned_now: 'Planned now',
    planned_days: 'Days %{from}-%{to}',
    move_stage: 'Move stage',
    move_stage_title: 'Move the case to another stage',
    move_stage_confirm: 'Move',
    to_stage: 'To stage',
    reason: 'Reason',
    reason_help: 'Why now: it is kept in the case history',
    new_cycle: 'Start a new cycle',
    new_cycle_help: 'From stage 6, begin the stages again at the chosen stage',
    stage_moved: 'The case has moved',
    own_words: "In the client's own words",
    own_words_miracle_question: 'Miracle question (latest)',
    own_words_prevention_plan: 'Prevention plan (latest)',
    not_recorded: 'Not recorded yet',
    not_answered_yet: 'Not answered yet',
    alerts: 'Alerts',
    no_alerts: 'No alerts at the moment',
    transitions: 'Stage history',
    no_transitions: 'The case has not moved yet',
    col_when: 'When',
    col_move: 'Move',
    move_from_to: 'Stage %{from} → %{to}',
    started_at_stage: 'Opened in stage %{stage}',
    tab_progress: 'Progress',
    tab_sessions: 'Sessions',
    tab_exceptions: 'Exceptions',
    tab_homework: 'Homework',
    tab_history: 'Stage history',
  },
  progress: {
    heading: 'Progress on the scale',
    summary: '%{name}: %{first} → %{last} over %{period}.',
    period_weeks: '1 week |||| %{smart_count} weeks',
    period_days: '1 day |||| %{smart_count} days',
    legend_hint: 'Shaded bands are stage visits, dashed lines are sessions, a ringed dot marks the first rise of a whole point.',
    first_rise: '+1',
    stage_band: 'Stage %{stage}',
    stage_visits: 'Stage visits:',
    empty: 'No ratings yet. Record one to start the chart.',
    show_table: 'Show the ratings as a table',
    hide_table: 'Hide the table',
    table_caption: 'Ratings on the scale',
    col_date: 'Date',
    col_person: 'Person',
    col_score: 'Rating',
    col_source: 'Recorded by',
    record_score: 'Record a rating',
    score_help: '1 = the hardest it has felt, 10 = the miracle has happened',
    score_recorded: 'Rating recorded',
  },
  sessions: {
    heading: 'Sessions',
    new: 'New session',
    none: 'No sessions yet',
    note_state: 'Note',
    signed: 'Signed',
    unsigned: 'Not signed',
    title: 'Session of %{date}',
    stage_and_duration: 'Stage %{stage}, %{minutes} min',
    attendees: 'With %{names}',
    note: 'Session note',
    note_empty: 'The note is empty.',
    sign: 'Sign note',
    sign_confirm_title: 'Sign this note?',
    sign_confirm_content: 'A signed note is locked: later changes can only be added as addenda.',
    signed_done: 'The note is signed',
    signed_by: 'Signed by %{name} on %{date}. The note is locked; add an addendum to correct or complete it.',
    another_practitioner: 'another practitioner',
    unsigned_hint: 'Sign the note when it is complete.',
    signed_read_only: 'This note is signed and cannot be edited.',
    open_signed: 'Open it to add an addendum.',
    addenda: 'Addenda',
    no_addenda: 'No addenda',
    addendum_text: 'Text of the addendum',
    addendum_help: 'Corrections and additions, dated and kept with the signed note',
    add_addendum: 'Add addendum',
    addendum_added: 'Addendum added',
    back_to_case: 'Back to the case',
  },
  exceptions: {
    heading: 'Exception log',
    none: 'No exceptions logged yet',
    log: 'Log an exception',
    logged: 'Exception logged',
    context_help: 'When the problem was weaker or absent: what was different about the situation?',
    tags_help: 'Conditions such as "shared activity" or "advance notice"; type to add your own',
    patterns: 'Patterns',
    no_patterns: 'Patterns appear once exceptions have tags.',
    patterns_table: 'How often each tag appears',
    patterns_summary: 'Most often: "%{tag}", in 1 exception |||| Most often: "%{tag}", in %{smart_count} exceptions',
    conditions: 'Conditions that go together',
    col_tag: 'Tag',
    col_count: 'Exceptions',
  },
  homework: {
    heading: 'Homework',
    none: 'No exercises assigned yet',
    assign: 'Assign exercise',
    assigned: 'Exercise assigned',
    note_help: 'A personal note the client sees with the exercise',
    due: 'Due %{date}',
    overdue: 'Overdue',
    your_note: 'Your note: %{note}',
    submitted_at: 'Submitted %{date}',
    no_answer: 'No answer',
    focus: 'Focus: %{focus}',
    feedback: 'Feedback',
    feedback_help: 'What you noticed and what to keep doing; the client reads it',
    send_review: 'Send review',
    reviewed: 'Review sent',
    draft_saved: 'The client has saved a draft.',
    not_started: 'Not started yet.',
    unknown_exercise: 'Exercise',
    waiting_for_review: '1 answer is waiting for your review |||| %{smart_count} answers are waiting for your review',
  },
  exercises_library: {
    new: 'New exercise',
    none: 'No exercises match',
    built_in: 'Built-in',
    custom: 'Custom',
    built_in_read_only: 'Built-in exercises cannot be changed. Create your own exercise to adapt one.',
    stage_group: 'Stage %{stage}',
    cadence_daily: 'Daily for 1 day |||| Daily for %{smart_count} days',
    cadence_weekly: 'Weekly for 1 week |||| Weekly for %{smart_count} weeks',
    preview: "Preview of the client's form",
    preview_empty: 'Add fields to see the form',
    untitled_field: 'Untitled field',
    items_between: 'Between %{min} and %{max} items',
    fields_heading: 'Fields the client fills in',
    fields_help: 'Up to %{max} fields; each answer is stored under its name.',
    field: {
      label: 'Question or label',
      name: 'Name',
      name_help: 'Letters and digits, starting with a letter, e.g. whatHelped',
      kind: 'Kind',
      help: 'Help text',
      required: 'Required',
      maxLength: 'Maximum length',
      minLength: 'Minimum length',
      itemLabel: 'Label of each item',
      minItems: 'Minimum items',
      maxItems: 'Maximum items',
      options: 'Options',
      optionValue: 'Value',
      optionLabel: 'Label',
      suggestions: 'Suggested tags',
    },
  },
  dashboard: {
    title: 'Dashboard',
    needs_attention: 'Needs attention',
    nothing_needs_attention: 'Nothing needs your attention right now.',
    /** Above a list too long to show whole: how many items of each kind it holds, joined by " · ". */
    attention_summary: {
      alert: '1 alert |||| %{smart_count} alerts',
      review: '1 waiting for review |||| %{smart_count} waiting for review',
      unsigned_session: '1 unsigned note |||| %{smart_count} unsigned notes',
      stage_overrun: '1 stage overrun |||| %{smart_count} stage overruns',
      overdue: '1 overdue |||| %{smart_count} overdue',
    },
    attention_showing: 'Showing %{shown} of %{smart_count}',
    attention_showing_all: 'Showing all %{smart_count}',
    show_all: 'Show all %{smart_count}',
    show_more: 'Show %{smart_count} more',
    show_fewer: 'Show fewer',
    reason: {
      review: '%{client} submitted "%{exercise}": waiting for your review',
      overdue: '%{client}: "%{exercise}" is overdue |||| %{client}: "%{exercise}" is %{smart_count} days overdue',
      stage_overrun: 'Stage %{stage} has run past its planned days (1 day over) |||| Stage %{stage} has run past its planned days (%{smart_count} days over)',
      unsigned_session: 'Session note not signed',
    },
    session_on: 'Session of %{date}',
    submitted_on: 'submitted %{date}',
    due_on: 'was due %{date}',
    caseload_by_stage: 'Open cases by stage',
    open_cases: '1 open case |||| %{smart_count} open cases',
    col_stage: 'Stage',
    col_open_cases: 'Open cases',
    sessions_this_week: 'Sessions this week',
    average_change: 'Average change on the scale since intake',
    average_change_hint: 'Latest rating minus first rating, averaged over clients',
    average_change_clients: 'Over 1 client with two or more ratings |||| Over %{smart_count} clients with two or more ratings',
    average_change_none: 'Needs two ratings of at least one client',
  },
  users: {
    email_help: 'They sign in with this address',
    active_help: 'A deactivated account can no longer sign in; its records stay.',
    unlock: 'Unlock sign-in',
    unlock_title: 'Unlock sign-in',
    unlock_help: 'Clears the failed sign-ins of %{name}, so that the right password works at once. Someone else may have tried wrong passwords on purpose.',
    unlocked: 'Sign-in unlocked',
    reset_two_step: 'Reset two-step sign-in',
    reset_two_step_title: 'Reset two-step sign-in',
    reset_two_step_help: 'Turns off two-step sign-in for %{name} (for a lost phone) and signs them out everywhere. They sign in with their password alone and can set it up again. Check who is asking first.',
    two_step_reset: 'Two-step sign-in is off for this account; they have been signed out',
    force_password_change: 'Force a password change',
    force_password_change_title: 'Force a password change',
    force_password_change_help: 'Signs %{name} out everywhere. At the next sign-in, with their current password, they must choose a new one before anything else. They get an e-mail saying so.',
    password_change_forced: 'They have been signed out and must choose a new password at the next sign-in',
    password_change_pending: 'Must choose a new password at the next sign-in',
    reason: 'Reason',
    reason_help: 'Why, e.g. "called the practice, identity checked by phone". About the account only: no clinical details.',
  },
  audit: {
    from: 'From',
    to: 'Until',
    actions: {
      read: 'Opened a record (read)',
      list: 'Listed records (list)',
      create: 'Created (create)',
      update: 'Changed (update)',
      delete: 'Deleted (delete)',
      login: 'Signed in (login)',
      login_failed: 'Failed sign-in (login_failed)',
      unauthenticated: 'Refused: not signed in (unauthenticated)',
      denied: 'Refused: no access (denied)',
      not_found: 'Refused: not found (not_found)',
      xsrf_rejected: 'Refused: missing or wrong XSRF token (xsrf_rejected)',
      rate_limited: 'Refused: too many requests (rate_limited)',
    },
  },
  errors: {
    version_conflict: 'Someone else changed this record since you opened it. Reload to see their change; what you typed is still in the form.',
    client_authored: "This is the client's own entry: it cannot be changed or removed. Add a staff note, or hide it with a reason.",
    case_closed: 'This case is closed, so nothing more can be added to it.',
  },
  conflict: {
    message: 'Someone else changed this record since you opened it. Reload to see their change; what you typed is still here until you do.',
    reload: 'Reload',
  },
  client_words: {
    client_entry: "Client's own entry",
    client_entry_help: "These are the client's own words: they stay as written. You can add a staff note beside them, or hide the entry from charts and alerts with a reason.",
    annotate: 'Staff note / hide',
    annotate_title: 'Staff note and visibility',
    annotated: 'Saved',
    edit: 'Edit',
    edit_score_title: 'Correct the rating',
    edit_exception_title: 'Edit the exception',
    edited: 'Changes saved',
    staff_note: 'Staff note: %{note}',
    hidden: 'Hidden: %{reason}',
    ratings: 'Ratings',
    no_ratings: 'No ratings yet',
    col_actions: 'Actions',
    col_notes: 'Notes',
    actions_for: 'Actions for the entry of %{date}',
  },
};

export const enResources = {
  clients: {
    name: 'Client |||| Clients',
    fields: {
      displayName: 'Display name',
      pronouns: 'Pronouns',
      email: 'Email',
      phone: 'Phone',
      status: 'Status',
      createdAt: 'Added',
      q: 'Search',
    },
  },
  cases: {
    name: 'Case |||| Cases',
    fields: {
      title: 'Title',
      kind: 'Kind',
      clientIds: 'Clients',
      stage: 'Stage',
      status: 'Status',
      openedAt: 'Opened',
      presentingConcern: 'Presenting concern',
      alerts: 'Alerts',
      q: 'Search',
    },
  },
  sessions: {
    name: 'Session |||| Sessions',
    fields: {
      startsAt: 'Date and time',
      durationMinutes: 'Minutes',
      format: 'Format',
      attendeeIds: 'Attendees',
      stage: 'Stage',
      signedAt: 'Signed',
    },
  },
  'scale-scores': {
    name: 'Rating |||| Ratings',
    fields: {
      clientId: 'Person',
      score: 'Rating (1-10)',
      keepsFromLower: 'What keeps you from being lower?',
      onePointHigher: 'What would one point higher look like?',
      recordedAt: 'Recorded',
      source: 'Recorded by',
      staffAnnotation: 'Staff note',
      hidden: 'Hide from charts and alerts',
      hiddenReason: 'Why it is hidden',
    },
  },
  exceptions: {
    name: 'Exception |||| Exceptions',
    fields: {
      clientId: 'Person',
      occurredAt: 'When',
      context: 'What was different',
      behavior: 'What I did differently',
      thoughts: 'Thoughts',
      emotions: 'Emotions',
      meaning: 'What it tells us',
      tags: 'Tags',
      significant: 'Significant',
      staffAnnotation: 'Staff note',
      hidden: 'Hide from the pattern view',
      hiddenReason: 'Why it is hidden',
    },
  },
  exercises: {
    name: 'Exercise |||| Exercises',
    fields: {
      title: 'Title',
      stage: 'Stage',
      summary: 'Summary',
      instructions: 'Instructions',
      audience: 'Audience',
      cadence: { kind: 'Cadence', days: 'Days', weeks: 'Weeks' },
      fields: 'Fields',
      builtIn: 'Built-in',
      q: 'Search',
    },
  },
  assignments: {
    name: 'Assignment |||| Assignments',
    fields: {
      clientId: 'Client',
      exerciseId: 'Exercise',
      dueAt: 'Due date',
      note: 'Note for the client',
      status: 'Status',
    },
  },
  users: {
    name: 'User |||| Users',
    fields: {
      email: 'Email',
      displayName: 'Name',
      role: 'Role',
      active: 'Active',
      lastLoginAt: 'Last sign-in',
      q: 'Search',
    },
  },
  'audit-events': {
    name: 'Audit event |||| Audit log',
    fields: {
      at: 'When',
      actorId: 'Who',
      action: 'Action',
      entity: 'Record type',
      entityId: 'Record id',
      caseId: 'Case',
      ip: 'From',
    },
  },
};

/** A field's words in a built-in exercise. */
export type ExerciseFieldMessages = { label: string; help?: string; itemLabel?: string };

/** A built-in exercise's words, under `attune.exercises.<key>`; field words under the field's name. */
export type ExerciseMessages = {
  title: string;
  summary: string;
  instructions: string;
  fields: Record<string, ExerciseFieldMessages>;
};

/** The words that come from the domain package: stage, exercise and note-section names. */
export type DomainMessages = {
  stages: Record<StageNumber, { title: string; summary: string; numbered: string }>;
  exercises: Record<string, ExerciseMessages>;
  note_sections: Record<SessionNoteKey, { label: string; prompt: string }>;
};

export type AttuneMessages = MessageShape<typeof enAttune> & DomainMessages;
export type ResourceMessages = MessageShape<typeof enResources>;

/**
 * English without the domain's words (the client portal's words, under `portal`, included): what
 * the sign-in page needs, kept free of the domain
 * package (and so of zod) to keep the first download small. The signed-in app adds the rest
 * (`en-domain.messages.ts`) before it renders.
 */
export const enBaseMessages: TranslationMessages = {
  ...englishMessages,
  ...portalEnMessages,
  attune: enAttune,
  resources: enResources,
};
