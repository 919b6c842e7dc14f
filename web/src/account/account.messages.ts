/**
 * The "My account" page's words, under the `account` key of the app's messages (merged into the
 * i18n provider beside the practitioner app's `attune` and the portal's `portal` messages).
 * Simplified Chinese is in account.zh.messages.ts and must have the same shape.
 */
export const accountEnMessages = {
  account: {
    menu: 'My account',
    title: 'My account',
    intro: 'Your password and two-step sign-in.',
    load_error: 'Your account could not be loaded. Check your connection and try again.',
    retry: 'Try again',
    enrolment_required:
      'Your practice asks everyone on its staff to use two-step sign-in. Set it up below to continue using Attune.',
    enrolment_required_short: 'Set up two-step sign-in to continue.',
    password_change_required: 'An administrator of your practice asked you to choose a new password. Choose it here to continue using Attune.',
    unexpected_error: 'That did not work. Check your connection and try again.',
    throttled: 'Too many attempts. Wait a minute and try again.',
    password: {
      heading: 'Change password',
      help: 'At least %{min} characters. A few words you will remember make a good password. Your other signed-in devices will be signed out.',
      current: 'Current password',
      new: 'New password',
      confirm: 'Confirm new password',
      submit: 'Change password',
      changed: 'Your password has been changed. Other devices have been signed out.',
      required: 'Required',
      too_short: 'Must be at least %{min} characters long',
      too_long: 'Must be at most %{max} characters long',
      common: 'This is one of the most commonly used passwords; choose one that is harder to guess',
      too_close: 'This is too close to your name, email or the name of the service',
      mismatch: 'Does not match the new password',
      not_current: 'This is not your current password',
      same_as_current: 'This is the same as your current password',
    },
    totp: {
      heading: 'Two-step sign-in',
      status_off: 'Two-step sign-in is off. Turn it on so that a stolen password alone cannot open your account.',
      status_on: 'Two-step sign-in is on. You are asked for a code from your authenticator app when you sign in.',
      recovery_left: 'Recovery codes left: %{count}',
      set_up: 'Set up two-step sign-in',
      step_scan: 'Scan this QR code with an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password).',
      qr_alt: 'QR code for adding your Attune account to an authenticator app. If you cannot scan it, type the key shown below into the app.',
      secret_label: 'Key for manual entry',
      step_code: 'Then enter the 6-digit code the app shows.',
      step_password: 'Your password confirms that it is you; your other signed-in devices will be signed out.',
      confirm_password_help: 'The password you sign in with',
      code: '6-digit code',
      code_help: 'The code changes every 30 seconds',
      code_format: 'Enter the 6 digits your authenticator app shows',
      code_wrong: 'This code does not match. Check the time on your phone and try the current code.',
      confirm: 'Confirm',
      cancel: 'Cancel',
      codes_heading: 'Your recovery codes',
      codes_intro:
        'Two-step sign-in is now on. Save these 10 recovery codes somewhere safe, such as a password manager. Each one can be used once to sign in if you lose your phone. They will not be shown again.',
      codes_saved: 'I have saved these codes',
      done: 'Done',
      turn_off_heading: 'Turn off two-step sign-in',
      turn_off_help: 'Enter your password and a current code from your authenticator app, or a recovery code.',
      password: 'Password',
      disable_code: 'Code or recovery code',
      disable_code_format: 'Enter a 6-digit code or a recovery code',
      turn_off: 'Turn off',
      turned_off: 'Two-step sign-in is off.',
      wrong_password: 'The password is not right',
      wrong_code: 'This code is not valid',
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The shape every translation of the account messages must have. */
export type AccountMessages = Shape<typeof accountEnMessages>;
