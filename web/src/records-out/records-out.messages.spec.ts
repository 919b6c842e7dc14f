import { readdirSync, readFileSync } from 'node:fs';
import { recordsOutEnMessages } from './records-out.messages';
import { recordsOutZhMessages } from './records-out.zh.messages';

function leafKeys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('records translations', () => {
  it('has the same keys and placeholders in English and Simplified Chinese', () => {
    expect(leafKeys(recordsOutZhMessages).sort()).toEqual(leafKeys(recordsOutEnMessages).sort());
    const placeholders = (text: unknown) => [...String(text).matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort().join();
    expect(leafKeys(recordsOutEnMessages).filter((k) => placeholders(lookup(recordsOutEnMessages, k)) !== placeholders(lookup(recordsOutZhMessages, k)))).toEqual([]);
  });

  it('defines every recordsOut.* key the records screens use', () => {
    const used = new Set<string>();
    for (const name of readdirSync(__dirname).filter((n) => /\.tsx?$/.test(n) && !n.includes('.spec.') && !n.includes('messages'))) {
      for (const match of readFileSync(`${__dirname}/${name}`, 'utf8').matchAll(/['"`](recordsOut\.[a-z_]+(?:\.[a-z_]+)*)['"`]/g)) used.add(match[1]!);
    }
    expect([...used].filter((key) => typeof lookup(recordsOutEnMessages, key) !== 'string')).toEqual([]);
    expect(used.size).toBeGreaterThan(15);
  });
});
