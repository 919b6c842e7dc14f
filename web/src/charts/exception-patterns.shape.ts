import { asArray, asNumber, asObject, asString } from '../shared/raw';

export interface ExceptionPatternsView {
  tags: { tag: string; count: number }[];
  total: number | null;
  /** Readable conditions under which exceptions occur most (e.g. "shared activity + advance notice"). */
  conditions: PatternCondition[];
}

/**
 * One condition: the API's label (English, or a client's name), and what the app words it from:
 * its `dimension` and `key` (`day_type`/`weekday`, `time_of_day`/`evening`) or the tags of a pair.
 */
export interface PatternCondition {
  label: string;
  count: number | null;
  dimension?: string;
  key?: string;
  tags?: string[];
}

/**
 * Shapes `GET /api/cases/:id/exception-patterns` whatever its exact form: `tags` as `{tag, count}[]`
 * or as a `{tag: count}` map; `conditions` as a list of strings or of `{label|condition|tags, count}`,
 * or as a map; `pairs` (`{tags: [a, b], count}`) read as conditions too. Most frequent first.
 */
export function shapeExceptionPatterns(raw: unknown, maxTags = 12): ExceptionPatternsView {
  const body = asObject(raw) ?? {};
  const tagsRaw = body['tags'];
  let tags: { tag: string; count: number }[] = [];
  if (Array.isArray(tagsRaw)) {
    tags = tagsRaw
      .map((entry) => {
        const item = asObject(entry);
        const tag = asString(item?.['tag']) ?? asString(item?.['name']);
        const count = asNumber(item?.['count']);
        return tag && count !== undefined ? { tag, count } : null;
      })
      .filter((t): t is { tag: string; count: number } => t !== null);
  } else if (asObject(tagsRaw)) {
    tags = Object.entries(asObject(tagsRaw)!)
      .map(([tag, count]) => ({ tag, count: asNumber(count) ?? NaN }))
      .filter((t) => Number.isFinite(t.count));
  }
  tags = tags.filter((t) => t.count > 0).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)).slice(0, maxTags);

  const conditions: PatternCondition[] = [];
  const readCondition = (entry: unknown): void => {
    if (typeof entry === 'string') {
      conditions.push({ label: entry, count: null });
      return;
    }
    const item = asObject(entry);
    if (!item) return;
    const tagList = asArray(item['tags']).filter((t): t is string => typeof t === 'string');
    const label = asString(item['label']) ?? asString(item['condition']) ?? asString(item['description']) ?? (tagList.length ? tagList.join(' + ') : undefined);
    const dimension = asString(item['dimension']);
    const key = asString(item['key']);
    if (label) {
      conditions.push({
        label,
        count: asNumber(item['count']) ?? null,
        ...(dimension ? { dimension } : {}),
        ...(key ? { key } : {}),
        ...(!dimension && tagList.length ? { tags: tagList } : {}),
      });
    }
  };
  const conditionsRaw = body['conditions'];
  if (Array.isArray(conditionsRaw)) conditionsRaw.forEach(readCondition);
  else if (asObject(conditionsRaw)) {
    for (const [label, value] of Object.entries(asObject(conditionsRaw)!)) {
      if (Array.isArray(value)) value.forEach((v) => readCondition(typeof v === 'string' ? `${label}: ${v}` : v));
      else conditions.push({ label: typeof value === 'string' ? `${label}: ${value}` : label, count: asNumber(value) ?? null });
    }
  }
  asArray(body['pairs']).forEach(readCondition);
  conditions.sort((a, b) => (b.count ?? 0) - (a.count ?? 0));

  const total = asNumber(body['total']) ?? null;
  return { tags, total, conditions };
}
