import type { WorkingHours } from '@attune/domain';
import { API_URL, httpClient } from '../data/http-client';

/** A person's zone and working hours, as `GET /api/scheduling-profiles/:userId` gives them. */
export interface SchedulingProfile {
  userId: string;
  timeZone: string;
  /** `null`: no limits (no time is outside). */
  workingHours: WorkingHours | null;
}

const send = async <T>(path: string, method: string, body?: unknown): Promise<T> =>
  (await httpClient(`${API_URL}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).json as T;

/** The account page's scheduling calls: one's own zone and working hours, one's calendar feed. */
export const schedulingApi = {
  profile: (userId: string) => send<SchedulingProfile>(`/scheduling-profiles/${encodeURIComponent(userId)}`, 'GET'),
  saveProfile: (userId: string, input: { timeZone: string; workingHours: WorkingHours | null }) =>
    send<SchedulingProfile>(`/scheduling-profiles/${encodeURIComponent(userId)}`, 'PUT', input),
  createFeed: (showInitials: boolean) => send<{ url: string }>('/me/calendar-feed', 'POST', { showInitials }),
  revokeFeed: async (): Promise<void> => {
    await send<unknown>('/me/calendar-feed', 'DELETE');
  },
};
