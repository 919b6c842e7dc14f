import type { SessionUserDto } from '@attune/domain';
import { API_URL, getJson, sendJson } from '../data/http-client';

const auth = (path: string) => `${API_URL}/auth/${path}`;

/** The signed-in account as /api/auth/me gives it, with its two-step sign-in state. */
export interface MyAccount extends SessionUserDto {
  totpEnabled: boolean;
  /** The practice requires two-step sign-in for staff and this person has not set it up yet. */
  totpEnrolmentRequired: boolean;
  /** An admin asked for a new password: nothing else answers until it is chosen. */
  passwordChangeRequired: boolean;
}

/** The query of /api/auth/me, shared by My account, the bell and the password-change gate. */
export const ACCOUNT_QUERY_KEY = ['account', 'me'] as const;

export interface TotpStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
}

export interface TotpEnrolment {
  /** otpauth:// URL for an authenticator app. */
  otpauthUrl: string;
  /** The same URL as a QR code: a PNG data URL. */
  qrCode: string;
  /** The secret, for typing into an app by hand. */
  secret: string;
}

/**
 * The account's own calls to /api/auth, through the app's one HTTP client (same-origin cookies,
 * the XSRF header on every change, the API's message and field errors on failure). Deliberately
 * not through the data provider: a wrong code answers 401, which must not sign the person out.
 */
export const accountApi = {
  me: () => getJson<MyAccount>(auth('me')),
  totpStatus: () => getJson<TotpStatus>(auth('totp')),
  changePassword: (currentPassword: string, newPassword: string) => sendJson<void>('POST', auth('password'), { currentPassword, newPassword }),
  startTotpEnrolment: () => sendJson<TotpEnrolment>('POST', auth('totp/enrol')),
  confirmTotp: (code: string, password: string) => sendJson<{ recoveryCodes: string[] }>('POST', auth('totp/confirm'), { code, password }),
  disableTotp: (password: string, code: string) => sendJson<void>('POST', auth('totp/disable'), { password, code }),
};

export type AccountApi = typeof accountApi;

/** Where the "My account" page lives, in the practitioner app and in the client portal alike. */
export const ACCOUNT_PATH = '/account';
