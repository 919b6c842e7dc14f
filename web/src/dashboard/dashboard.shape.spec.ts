import { ATTENTION_SHOWN_AT_FIRST, countAttentionByKind, normaliseDashboard, pageOfAttention } from './dashboard.shape';

const NOW = Date.parse('2026-03-20T12:00:00Z');

describe('normaliseDashboard', () => {
  it('merges alerts, review queue, overdue homework, overruns and unsigned notes into one list, most urgent first', () => {
    const view = normaliseDashboard(
      {
        openCasesByStage: [{ stage: 2, count: 3 }],
        reviewQueue: [{ assignmentId: 'a1', caseId: 'k1', caseTitle: 'Chen Jing', clientName: 'Chen Jing', exerciseTitle: 'Coping list', submittedAt: '2026-03-19T08:00:00Z' }],
        overdueHomework: [{ assignmentId: 'a2', caseId: 'k2', caseTitle: 'Liu Jia', clientName: 'Liu Jia', exerciseTitle: 'Exception log', dueAt: '2026-03-17T12:00:00Z' }],
        alerts: [
          { caseId: 'k3', caseTitle: 'Zhao Lei & Zhou Ting', kind: 'setback', severity: 'high', message: 'Zhao Lei: latest 3 is 2 below best 5' },
          { caseId: 'k2', caseTitle: 'Liu Jia', kind: 'plateau', severity: 'medium', message: 'no rise' },
        ],
        stageOverruns: [{ caseId: 'k2', caseTitle: 'Liu Jia', stage: 4, daysOver: 3 }],
        unsignedSessions: [{ sessionId: 's1', caseId: 'k1', caseTitle: 'Chen Jing', startsAt: '2026-03-18T09:00:00Z' }],
        sessionsThisWeek: 4,
        averageChangeSinceIntake: 2.5,
      },
      NOW,
    );
    expect(view.attention.map((i) => i.kind)).toEqual(['alert', 'review', 'unsigned_session', 'stage_overrun', 'alert', 'overdue']);
    expect(view.attention[0]).toMatchObject({ caseId: 'k3', severity: 'high', link: '/cases/k3/show' });
    expect(view.attention.find((i) => i.kind === 'overdue')!.reason.args['smart_count']).toBe(3);
    expect(view.attention.find((i) => i.kind === 'review')!.link).toBe('/cases/k1/show/homework');
    expect(view.openCasesByStage).toEqual([
      { stage: 1, count: 0 },
      { stage: 2, count: 3 },
      { stage: 3, count: 0 },
      { stage: 4, count: 0 },
      { stage: 5, count: 0 },
      { stage: 6, count: 0 },
    ]);
    expect(view.sessionsThisWeek).toBe(4);
    expect(view.averageChangeSinceIntake).toBe(2.5);
  });

  it('reads the nested-alert form, counts the week’s sessions from a list and finds unsigned past ones in it', () => {
    const view = normaliseDashboard(
      {
        alerts: [{ caseId: 'k1', caseTitle: 'Chen Jing', alert: { kind: 'stage_overrun', severity: 'medium', message: 'Stage 2: 16 days' } }],
        sessionsThisWeek: [
          { sessionId: 's1', caseId: 'k1', caseTitle: 'Chen Jing', startsAt: '2026-03-18T09:00:00Z', durationMinutes: 50, signed: false },
          { sessionId: 's2', caseId: 'k1', caseTitle: 'Chen Jing', startsAt: '2026-03-21T09:00:00Z', durationMinutes: 50, signed: false },
          { sessionId: 's3', caseId: 'k1', caseTitle: 'Chen Jing', startsAt: '2026-03-17T09:00:00Z', durationMinutes: 50, signed: true },
        ],
        averageChangeSinceIntake: 1.75,
      },
      NOW,
    );
    expect(view.attention.map((i) => [i.kind, i.id])).toEqual([
      ['unsigned_session', 'unsigned:s1'],
      ['stage_overrun', expect.stringContaining('alert:k1:stage_overrun')],
    ]);
    expect(view.sessionsThisWeek).toBe(3);
    expect(view.averageChangeSinceIntake).toBe(1.75);
  });

  it('does not list an overrun twice when it comes both as an overrun and as an alert', () => {
    const view = normaliseDashboard({
      stageOverruns: [{ caseId: 'k1', caseTitle: 'A', stage: 2, daysOver: 1 }],
      alerts: [{ caseId: 'k1', caseTitle: 'A', kind: 'stage_overrun', severity: 'medium', message: 'x' }],
    });
    expect(view.attention.filter((i) => i.kind === 'stage_overrun')).toHaveLength(1);
  });

  it('renders nothing rather than failing on an empty or unexpected answer', () => {
    const view = normaliseDashboard(undefined);
    expect(view.attention).toEqual([]);
    expect(view.sessionsThisWeek).toBeNull();
    expect(view.averageChangeSinceIntake).toBeNull();
    expect(view.openCasesByStage).toHaveLength(6);
  });
});

describe('the first view of "Needs attention"', () => {
  const reviews = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      assignmentId: `r${i}`, caseId: `k${i}`, caseTitle: `Case ${i}`, clientName: `Client ${i}`, exerciseTitle: 'Exception log',
      submittedAt: new Date(NOW - (n - i) * 3_600_000).toISOString(),
    }));
  const overdue = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      assignmentId: `o${i}`, caseId: `k${i}`, caseTitle: `Case ${i}`, clientName: `Client ${i}`, exerciseTitle: 'Scale positioning',
      dueAt: new Date(NOW - (n - i) * 86_400_000).toISOString(),
    }));

  it('shows a short list whole, with nothing to expand', () => {
    const { attention } = normaliseDashboard({ reviewQueue: reviews(3), overdueHomework: overdue(2) }, NOW);
    const page = pageOfAttention(attention, false);
    expect(page).toEqual({ shown: attention, hidden: 0, total: 5, collapsible: false });
    expect(pageOfAttention(attention, true)).toEqual(page);
  });

  it(`shows a list of exactly ${ATTENTION_SHOWN_AT_FIRST} whole`, () => {
    const { attention } = normaliseDashboard({ reviewQueue: reviews(ATTENTION_SHOWN_AT_FIRST) }, NOW);
    expect(pageOfAttention(attention, false)).toMatchObject({ hidden: 0, total: ATTENTION_SHOWN_AT_FIRST, collapsible: false });
  });

  it(`shows the first ${ATTENTION_SHOWN_AT_FIRST} of a longer list in their order and counts the rest; expanded, all of them`, () => {
    const { attention } = normaliseDashboard({ reviewQueue: reviews(6), overdueHomework: overdue(31) }, NOW);
    expect(attention).toHaveLength(37);
    const first = pageOfAttention(attention, false);
    expect(first).toMatchObject({ hidden: 37 - ATTENTION_SHOWN_AT_FIRST, total: 37, collapsible: true });
    expect(first.shown).toEqual(attention.slice(0, ATTENTION_SHOWN_AT_FIRST));
    // the reviews, oldest submission first, then the longest overdue homework
    expect(first.shown.map((i) => i.id)).toEqual(['review:r0', 'review:r1', 'review:r2', 'review:r3', 'review:r4', 'review:r5', 'overdue:o0', 'overdue:o1', 'overdue:o2', 'overdue:o3']);
    expect(pageOfAttention(attention, true)).toEqual({ shown: attention, hidden: 0, total: 37, collapsible: true });
    expect(pageOfAttention(attention, false, attention.length, 4).shown.map((i) => i.id)).toEqual(['review:r0', 'review:r1', 'review:r2', 'review:r3']);
  });

  const alerts = [
    { caseId: 'k20', caseTitle: 'Low', kind: 'homework_piling_up', severity: 'low', message: 'piling up' },
    { caseId: 'k21', caseTitle: 'High', kind: 'setback', severity: 'high', message: 'setback' },
    { caseId: 'k22', caseTitle: 'Medium', kind: 'plateau', severity: 'medium', message: 'plateau' },
    { caseId: 'k23', caseTitle: 'Overrun', kind: 'stage_overrun', severity: 'medium', message: 'overrun' },
  ];

  it('puts high-severity alerts first, however many other items come before them in the answer, and low ones after overdue homework', () => {
    const { attention } = normaliseDashboard({ reviewQueue: reviews(12), overdueHomework: overdue(12), alerts }, NOW);
    const { shown, hidden } = pageOfAttention(attention, false);
    expect(shown[0]).toMatchObject({ kind: 'alert', severity: 'high', caseTitle: 'High' });
    expect(shown.slice(1).every((i) => i.kind === 'review')).toBe(true);
    expect(hidden).toBe(28 - ATTENTION_SHOWN_AT_FIRST);
    expect(attention.findIndex((i) => i.caseTitle === 'Medium')).toBeLessThan(attention.findIndex((i) => i.kind === 'overdue'));
    expect(attention.at(-1)).toMatchObject({ severity: 'low', caseTitle: 'Low' });
  });

  it('counts the items of each kind, in the order of their urgency, leaving out kinds with none', () => {
    const { attention } = normaliseDashboard({ overdueHomework: overdue(5), reviewQueue: reviews(12), alerts }, NOW);
    expect(countAttentionByKind(attention)).toEqual([
      { kind: 'alert', count: 3 },
      { kind: 'review', count: 12 },
      { kind: 'stage_overrun', count: 1 },
      { kind: 'overdue', count: 5 },
    ]);
    expect(countAttentionByKind([])).toEqual([]);
  });

  it('counts what the API left out of its lists from its totals, and pages over what it sent', () => {
    const view = normaliseDashboard({
      reviewQueue: reviews(50),
      overdueHomework: overdue(50),
      alerts,
      alertCounts: { homework_piling_up: 1, setback: 1, plateau: 60, stage_overrun: 1 },
      totals: { reviewQueue: 120, overdueHomework: 300, unsignedSessions: 0, alerts: 63 },
    }, NOW);
    // the stage overrun is counted once, as an overrun, not again among the alerts
    expect(view.attentionCounts).toEqual([
      { kind: 'alert', count: 62 },
      { kind: 'review', count: 120 },
      { kind: 'stage_overrun', count: 1 },
      { kind: 'overdue', count: 300 },
    ]);
    expect(view.attentionTotal).toBe(483);
    expect(view.attention).toHaveLength(104);
    expect(pageOfAttention(view.attention, false, view.attentionTotal)).toMatchObject({ hidden: 483 - ATTENTION_SHOWN_AT_FIRST, total: 483, collapsible: true });
    const expanded = pageOfAttention(view.attention, true, view.attentionTotal);
    expect(expanded.shown).toHaveLength(104);
    expect(expanded.hidden).toBe(483 - 104);
  });

  it('never counts fewer than the items it received', () => {
    const view = normaliseDashboard({ reviewQueue: reviews(3), totals: { reviewQueue: 1 } }, NOW);
    expect(view.attentionCounts).toEqual([{ kind: 'review', count: 3 }]);
    expect(view.attentionTotal).toBe(3);
  });
});
