import type { ApiTokenDto, CreatedApiTokenDto } from '@attune/domain';
import { API_URL, httpClient } from '../data/http-client';

/** The caller's own personal API tokens, through the app's one HTTP client (session cookie, XSRF header). */
export const apiTokensApi = {
  list: async (): Promise<ApiTokenDto[]> => (await httpClient(`${API_URL}/me/api-tokens`)).json as ApiTokenDto[],
  create: async (input: { name: string; scopes: string[]; expiresAt: string }): Promise<CreatedApiTokenDto> =>
    (await httpClient(`${API_URL}/me/api-tokens`, { method: 'POST', body: JSON.stringify(input) })).json as CreatedApiTokenDto,
  revoke: async (id: string): Promise<ApiTokenDto> =>
    (await httpClient(`${API_URL}/me/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' })).json as ApiTokenDto,
};
