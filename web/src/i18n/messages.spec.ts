import englishMessages from 'ra-language-english';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_EXERCISES, deriveCaseAlerts, ZH_CN_EXERCISE_WORDS } from '@attune/domain';
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

  it('words every built-in exercise in both languages: summary, instructions and each field’s label, help and item label', () => {
    const expected = BUILT_IN_EXERCISES.flatMap((e) => [
      `${e.key}.title`,
      `${e.key}.summary`,
      `${e.key}.instructions`,
      ...e.fields.flatMap((f) => [
        `${e.key}.fields.${f.name}.label`,
        ...(f.help ? [`${e.key}.fields.${f.name}.help`] : []),
        ...('itemLabel' in f && f.itemLabel ? [`${e.key}.fields.${f.name}.itemLabel`] : []),
      ]),
    ]).sort();
    expect(leafKeys(ZH_CN_EXERCISE_WORDS).sort()).toEqual(expected);
    expect(leafKeys(lookup(enMessages, 'attune.exercises')).sort()).toEqual(expected);
    const english = BUILT_IN_EXERCISES.find((e) => e.key === 'coping-list')!;
    expect(lookup(enMessages, 'attune.exercises.coping-list.fields.copingStrategies.itemLabel')).toBe((english.fields[0] as { itemLabel: string }).itemLabel);
    expect(lookup(enMessages, 'attune.exercises.coping-list.instructions')).toBe(english.instructions);
  });

  it('words each alert in English as the domain’s own message, from its params', () => {
    const days = (n: number) => new Date(Date.UTC(2026, 3, 20 - n)).toISOString();
    const alerts = deriveCaseAlerts({
      today: days(0),
      stage: 2,
      stageEnteredAt: days(20),
      cycleStartedAt: days(30),
      clients: [
        { id: 'a', displayName: 'Zhao Lei' },
        { id: 'b', displayName: 'Zhou Ting' },
      ],
      scores: [
        { clientId: 'a', score: 6, recordedAt: days(30) },
        { clientId: 'a', score: 4, recordedAt: days(20) },
        { clientId: 'a', score: 2, recordedAt: days(1) },
        { clientId: 'b', score: 5.5, recordedAt: days(1) },
      ],
      overdueAssignments: 3,
    });
    expect(new Set(alerts.map((a) => a.kind))).toEqual(new Set(['setback', 'plateau', 'partners_diverging', 'stage_overrun', 'homework_piling_up']));
    for (const alert of alerts) {
      const template = String(lookup(enMessages, `attune.alerts.${alert.kind}`));
      const worded = template.replace(/%\{(\w+)\}/g, (_, name: string) => String(alert.params[name]));
      expect(worded).toBe(alert.message);
    }
  });
});
