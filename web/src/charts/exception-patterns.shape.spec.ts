import { shapeExceptionPatterns } from './exception-patterns.shape';

describe('shapeExceptionPatterns', () => {
  it('orders tag counts most frequent first', () => {
    const view = shapeExceptionPatterns({
      total: 7,
      tags: [
        { tag: 'kind gesture', count: 2 },
        { tag: 'shared activity', count: 5 },
        { tag: 'humour', count: 0 },
      ],
    });
    expect(view.tags).toEqual([
      { tag: 'shared activity', count: 5 },
      { tag: 'kind gesture', count: 2 },
    ]);
    expect(view.total).toBe(7);
  });

  it('reads tags given as a map and conditions given as pairs or strings', () => {
    const view = shapeExceptionPatterns({
      tags: { 'advance notice': 3 },
      conditions: ['weekends at home'],
      pairs: [{ tags: ['shared activity', 'advance notice'], count: 2 }],
    });
    expect(view.tags).toEqual([{ tag: 'advance notice', count: 3 }]);
    expect(view.conditions).toEqual([
      { label: 'shared activity + advance notice', count: 2, tags: ['shared activity', 'advance notice'] },
      { label: 'weekends at home', count: null },
    ]);
  });

  it('returns empty lists for an answer it cannot read', () => {
    expect(shapeExceptionPatterns(null)).toEqual({ tags: [], total: null, conditions: [] });
  });
});
