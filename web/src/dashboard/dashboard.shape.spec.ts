import { normaliseDashboard } from './dashboard.shape';

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
        averageScaleChange: 1.75,
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
