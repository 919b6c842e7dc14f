/**
 * Every kind of message Attune sends, and what each may carry. Parameters are never clinical:
 * a practitioner's or practice's name, a date, a count; never an exercise's title or answers, a
 * client's or partner's name, a note or a score. The link opens the app, where the person signs in
 * and sees the rest.
 */
export const MESSAGE_KINDS = [
  'invitation', 'password_reset', 'account_unlocked', 'two_step_reset',
  'homework_assigned', 'homework_due_soon', 'homework_overdue', 'homework_check_in', 'homework_feedback',
  'homework_submitted', 'alert_opened', 'digest', 'questionnaire_waiting', 'appointment_booked', 'appointment_reminder', 'password_change_required',
  'questionnaire_closing',
  'change_request_accepted', 'change_request_declined', 'appointment_moved', 'appointment_cancelled',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The kinds a person may turn e-mail off for (the account mails they are waiting for always go). */
export const OPTIONAL_EMAIL_KINDS = [
  'homework_assigned', 'homework_due_soon', 'homework_overdue', 'homework_check_in', 'homework_feedback', 'homework_submitted', 'alert_opened',
  'questionnaire_waiting', 'appointment_booked', 'appointment_moved', 'appointment_cancelled', 'appointment_reminder',
] as const satisfies readonly MessageKind[];

/** Reminders and digests wait for the end of the recipient's quiet hours; nothing else does. */
export const HELD_IN_QUIET_HOURS: ReadonlySet<MessageKind> = new Set([
  'homework_due_soon', 'homework_overdue', 'homework_check_in', 'digest', 'questionnaire_waiting', 'appointment_reminder', 'questionnaire_closing',
]);

/** Sent by e-mail only: a one-time link that must not sit in an in-app list. */
export const EMAIL_ONLY: ReadonlySet<MessageKind> = new Set(['invitation', 'password_reset']);

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a message may say, by name: all optional, all non-clinical. */
export interface MessageParams {
  /** The practitioner who assigned or reviewed, as their colleagues and clients see them ("Dr. Wang"). */
  practitionerName?: string | undefined;
  practiceName?: string | undefined;
  /** A calendar day, `YYYY-MM-DD`, in the recipient's zone. */
  dueDate?: string | undefined;
  /** How many items need attention (digest), or appointments were booked, moved or cancelled at once (a series). */
  count?: number | undefined;
  /** How many appointments the day holds (digest), and their starts on the recipient's clock, `HH:mm, HH:mm`. */
  appointments?: number | undefined;
  appointmentTimes?: string | undefined;
  /** Hours a one-time link stays valid. */
  validHours?: number | undefined;
  /** An appointment's start as the recipient's wall clock shows it, `YYYY-MM-DD HH:mm`. */
  appointmentTime?: string | undefined;
  /** The new start of a moved appointment, as `appointmentTime`. */
  newAppointmentTime?: string | undefined;
  /** What a client asked for: to cancel or to reschedule. */
  requestKind?: 'cancel' | 'reschedule' | undefined;
}
