import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountEnMessages } from './account.messages';
import { accountZhMessages } from './account.zh.messages';

function leafKeys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('account translations', () => {
  it('has the same keys in English and Simplified Chinese', () => {
    const en = leafKeys(accountEnMessages).sort();
    const zh = leafKeys(accountZhMessages).sort();
    expect(zh).toEqual(en);
  });

  it('keeps the placeholders of each message in both languages', () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differing = leafKeys(accountEnMessages).filter(
      (key) => placeholders(lookup(accountEnMessages, key)).join() !== placeholders(lookup(accountZhMessages, key)).join(),
    );
    expect(differing).toEqual([]);
  });

  it('defines every account.* key that the account screens and the menus use', () => {
    const dirs = [__dirname, join(__dirname, '..', 'auth'), join(__dirname, '..', 'layout')];
    const used = new Set<string>();
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((n) => /\.tsx?$/.test(n) && !n.endsWith('.spec.ts') && !n.includes('messages'))) {
        for (const match of readFileSync(join(dir, name), 'utf8').matchAll(/['"`](account\.[a-z_]+(?:\.[a-z_]+)*)['"`]/g)) used.add(match[1]!);
      }
    }
    expect([...used].filter((key) => typeof lookup(accountEnMessages, key) !== 'string')).toEqual([]);
    expect(used.size).toBeGreaterThan(30);
  });
});
