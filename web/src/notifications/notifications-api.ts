import type { NotificationDto, NotificationSettingsDto, OutboxMessageDto } from '@attune/domain';
import { API_URL, httpClient, sendJson } from '../data/http-client';

/** The answers are libs' contract types: one definition for the API, its document and this app. */
export type NotificationItem = NotificationDto;
export type OutboxMessage = OutboxMessageDto;
export type NotificationSettings = NotificationSettingsDto;

const post = <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => sendJson<T>('POST', `${API_URL}${path}`, body, headers);

/** The calls of the bell, the password-link pages, the outbox and the portal invitation. */
export const notificationsApi = {
  async mine(): Promise<{ unread: number; items: NotificationItem[] }> {
    return (await httpClient(`${API_URL}/me/notifications`)).json as { unread: number; items: NotificationItem[] };
  },
  async settings(): Promise<NotificationSettings> {
    return (await httpClient(`${API_URL}/me/notification-settings`)).json as NotificationSettings;
  },
  async saveSettings(settings: NotificationSettings): Promise<NotificationSettings> {
    return (await httpClient(`${API_URL}/me/notification-settings`, { method: 'PUT', body: JSON.stringify(settings) })).json as NotificationSettings;
  },
  markRead: (id: string) => post<NotificationItem>(`/me/notifications/${id}/read`),
  requestReset: (email: string) => post<void>('/auth/password-reset', { email }),
  activate: (token: string, password: string) => post<void>('/auth/activate', { token, password }),
  confirmReset: (token: string, password: string) => post<void>('/auth/password-reset/confirm', { token, password }),
  async outbox(): Promise<OutboxMessage[]> {
    return (await httpClient(`${API_URL}/outbox?range=${encodeURIComponent('[0,99]')}`)).json as OutboxMessage[];
  },
  invitePortal: (clientId: string, body: { email?: string; language?: string }, idempotencyKey: string) =>
    post<{ invitationExpiresAt: string }>(`/clients/${clientId}/portal-invitation`, body, { 'Idempotency-Key': idempotencyKey }),
  resendInvitation: (userId: string) => post<unknown>(`/users/${userId}/invitation`),
  async revokeInvitation(userId: string): Promise<void> {
    await httpClient(`${API_URL}/users/${userId}/invitation`, { method: 'DELETE' });
  },
};
