import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESOURCES } from '@attune/domain';
import { apiTokensEnMessages } from './api-tokens.messages';
import { apiTokensZhMessages } from './api-tokens.zh.messages';
import { apiTokenState } from './api-token-state';

function leafKeys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

describe('API tokens section', () => {
  it('has the same keys and placeholders in English and Simplified Chinese', () => {
    expect(leafKeys(apiTokensZhMessages).sort()).toEqual(leafKeys(apiTokensEnMessages).sort());
    const placeholders = (tree: unknown) => [...new Set(JSON.stringify(tree).match(/%\{\w+\}/g))].sort(); // Chinese has no plural forms
    for (const key of leafKeys(apiTokensEnMessages)) {
      const get = (tree: unknown) => key.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], tree);
      expect([key, placeholders(get(apiTokensZhMessages))]).toEqual([key, placeholders(get(apiTokensEnMessages))]);
    }
  });

  it('names every permission resource, and defines every key the section uses', () => {
    expect(Object.keys(apiTokensEnMessages.api_tokens.resources).sort()).toEqual([...RESOURCES].sort());
    const source = readFileSync(join(__dirname, 'api-tokens.section.tsx'), 'utf8');
    const used = [...source.matchAll(/'(api_tokens\.[a-z_.]+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(15);
    const leaves = new Set(leafKeys(apiTokensEnMessages));
    expect(used.filter((key) => !leaves.has(key))).toEqual([]);
  });

  it('tells an active token from a revoked or expired one', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(apiTokenState({ revokedAt: null, expiresAt: '2026-12-10T00:00:00Z' }, now)).toBe('active');
    expect(apiTokenState({ revokedAt: null, expiresAt: '2026-12-01T00:00:00Z' }, now)).toBe('expired');
    expect(apiTokenState({ revokedAt: '2026-12-02T00:00:00Z', expiresAt: '2026-12-10T00:00:00Z' }, now)).toBe('revoked');
  });
});
