import { API_URL, httpClient } from '../data/http-client';

export interface NotificationItem {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface OutboxMessage {
  id: string;
  to: string;
  kind: string;
  subject: string;
  text: string;
  links: string[];
  state: 'queued' | 'sent' | 'failed' | 'given_up' | 'kept';
  attempts: number;
  lastAnswer: string | null;
  createdAt: string;
}

export interface NotificationSettings {
  language: 'en' | 'zh-CN';
  timeZone: string;
  quietStart: string;
  quietEnd: string;
  emailOff: string[];
  digest: boolean;
  /** Saved by the person; false: the defaults. */
  saved?: boolean;
}

const post = async <T>(path: string, body: unknown = {}, headers?: Record<string, string>): Promise<T> => {
  const { json } = await httpClient(`${API_URL}${path}`, { method: 'POST', body: JSON.stringify(body), ...(headers ? { headers: new Headers(headers) } : {}) });
  return json as T;
};

/** The calls of the bell, the password-link pages, the outbox and the portal invitation. */
export const notificationsApi = {
  async mine(): Promise<{ unread: number; items: NotificationItem[] }> {
    return (await httpClient(`${API_URL}/me/notifications`)).json as { unread: number; items: NotificationItem[] };
  },
  async settings(): Promise<NotificationSettings> {
    return (await httpClient(`${API_URL}/me/notification-settings`)).json as NotificationSettings;
  },
  async saveSettings({ saved: _saved, ...settings }: NotificationSettings): Promise<NotificationSettings> {
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
