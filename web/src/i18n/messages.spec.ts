import englishMessages from 'ra-language-english';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { enMessages } from './en-domain.messages';
import { zhMessages } from './zh.messages';

function leafKeys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('translations', () => {
  it('has the same keys in English and Simplified Chinese', () => {
    const en = leafKeys(enMessages).sort();
    const zh = leafKeys(zhMessages).sort();
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  });

  it('covers every message of react-admin 5 in Chinese', () => {
    const missing = leafKeys(englishMessages).filter((key) => typeof lookup(zhMessages, key) !== 'string');
    expect(missing).toEqual([]);
  });

  it('keeps the placeholders of each message in both languages', () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== 'smart_count').sort();
    const differing = leafKeys(enMessages).filter((key) => {
      const en = new Set(placeholders(lookup(enMessages, key)));
      const zh = new Set(placeholders(lookup(zhMessages, key)));
      return en.size !== zh.size || [...en].some((p) => !zh.has(p));
    });
    expect(differing).toEqual([]);
  });

  it('defines every attune.* key that the screens use', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(__dirname, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"`](attune\.[a-z_]+(?:\.[a-zA-Z0-9_-]+)+)['"`]/g)) used.add(match[1]!);
    }
    const undefinedKeys = [...used].filter((key) => typeof lookup(enMessages, key) !== 'string');
    expect(undefinedKeys).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });
});
