import type { ApiTokenDto } from '@attune/domain';

/** The lives a token may be given, in days (the API allows up to 366). */
export const API_TOKEN_LIVES = [7, 30, 90, 365] as const;

/** A token's state for its owner: revoked, expired (at `now`) or active. */
export function apiTokenState(token: Pick<ApiTokenDto, 'revokedAt' | 'expiresAt'>, now: number = Date.now()): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
}
