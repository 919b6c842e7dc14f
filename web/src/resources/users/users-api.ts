import { API_URL, httpClient } from '../../data/http-client';

const post = (id: string, action: string, body: unknown) =>
  httpClient(`${API_URL}/users/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: JSON.stringify(body) });

/** An admin's help for a person who cannot sign in: each with the reason, which the API keeps with the action. */
export const usersApi = {
  unlock: (id: string, reason: string) => post(id, 'unlock', { reason }),
  resetTwoStep: (id: string, reason: string) => post(id, 'reset-two-step', { reason }),
  forcePasswordChange: (id: string, reason: string) => post(id, 'force-password-change', { reason }),
};
