import { deriveCaseAlerts } from '../alerts.js';

const base = {
  today: '2026-03-20T10:00:00Z', stage: 2 as const, stageEnteredAt: '2026-03-15T10:00:00Z', cycleStartedAt: '2026-03-08T10:00:00Z',
  clients: [{ id: 'c', displayName: 'Chen' }], scores: [], overdueAssignments: 0,
};

describe('alerts from measures', () => {
  it('puts a safety answer first, as high, naming only the measure', () => {
    const alerts = deriveCaseAlerts({ ...base, overdueAssignments: 3, measureSignals: [{ clientId: 'c', measure: 'PHQ-9', kind: 'safety' }] });
    expect(alerts[0]).toEqual({
      kind: 'measure_safety', severity: 'high', clientId: 'c', params: { clientName: 'Chen', measure: 'PHQ-9' },
      message: 'Chen: the safety question of the PHQ-9 was answered above 0; check in today',
    });
    expect(alerts.map((a) => a.kind)).toEqual(['measure_safety', 'homework_piling_up']);
  });

  it('words a reliable deterioration with the first and the latest score', () => {
    const [alert] = deriveCaseAlerts({ ...base, measureSignals: [{ clientId: 'c', measure: 'GAD-7', kind: 'deterioration', baseline: 6, latest: 12 }] });
    expect(alert).toMatchObject({ kind: 'measure_deterioration', severity: 'high', params: { measure: 'GAD-7', baseline: '6', latest: '12' } });
  });

  it('raises nothing without signals', () => {
    expect(deriveCaseAlerts(base)).toEqual([]);
  });
});
