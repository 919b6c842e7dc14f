import type { MyNotificationsDto, NotificationDto, NotificationSettingsDto, OutboxMessageDto } from '@attune/domain';
import { API_URL, getJson, httpClient, sendJson } from '../data/http-client';

const post = <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => sendJson<T>('POST', `${API_URL}${path}`, body, headers);

/** The calls of the bell, the password-link pages, the outbox and the portal invitation; answers typed by libs' contract. */
export const notificationsApi = {
  mine: () => getJson<MyNotificationsDto>(`${API_URL}/me/notifications`),
  settings: () => getJson<NotificationSettingsDto>(`${API_URL}/me/notification-settings`),
  /** `saved` is the server's to say, not a setting: it stays out of the body. */
  saveSettings: ({ saved: _saved, ...settings }: NotificationSettingsDto) => sendJson<NotificationSettingsDto>('PUT', `${API_URL}/me/notification-settings`, settings),
  markRead: (id: string) => post<NotificationDto>(`/me/notifications/${id}/read`),
  requestReset: (email: string) => post<void>('/auth/password-reset', { email }),
  activate: (token: string, password: string) => post<void>('/auth/activate', { token, password }),
  confirmReset: (token: string, password: string) => post<void>('/auth/password-reset/confirm', { token, password }),
  outbox: () => getJson<OutboxMessageDto[]>(`${API_URL}/outbox?range=${encodeURIComponent('[0,99]')}`),
  invitePortal: (clientId: string, body: { email?: string; language?: string }, idempotencyKey: string) =>
    post<{ invitationExpiresAt: string }>(`/clients/${clientId}/portal-invitation`, body, { 'Idempotency-Key': idempotencyKey }),
  resendInvitation: (userId: string) => post<unknown>(`/users/${userId}/invitation`),
  async revokeInvitation(userId: string): Promise<void> {
    await httpClient(`${API_URL}/users/${userId}/invitation`, { method: 'DELETE' });
  },
};
