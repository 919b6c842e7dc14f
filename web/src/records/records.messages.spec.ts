import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { recordsEnMessages } from './records.messages';
import { recordsZhMessages } from './records.zh.messages';

const leafKeys = (tree: unknown, prefix = ''): string[] =>
  tree === null || typeof tree !== 'object'
    ? [prefix]
    : Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));

const valueAt = (tree: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') && !name.includes('messages') ? [path] : [];
  });

describe('records translations', () => {
  it('words every key with the same placeholders in English and Simplified Chinese', () => {
    const en = leafKeys(recordsEnMessages).sort();
    expect(leafKeys(recordsZhMessages).sort()).toEqual(en);
    const placeholders = (text: unknown) => [...String(text).matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort().join();
    expect(en.filter((key) => placeholders(valueAt(recordsEnMessages, key)) !== placeholders(valueAt(recordsZhMessages, key)))).toEqual([]);
  });

  it('defines every records.* key the screens use', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"`](records\.[a-z_]+(?:\.[a-z_]+)+)['"`]/g)) used.add(match[1]!);
    }
    expect([...used].filter((key) => typeof valueAt(recordsEnMessages, key) !== 'string')).toEqual([]);
    expect(used.size).toBeGreaterThan(15);
  });
});
