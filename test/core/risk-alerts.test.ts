// RISK-1: a generated month with 20 planted theft patterns (five of each kind) → all 20 alerted, each naming
// its records; a clean month of the same size → fewer than 5 false alerts. Thresholds are knobs.
import { describe, expect, it } from 'vitest';
import { riskAlerts, STANDARD_RISK } from '../../src/core/risk.rules.ts';
import { generateMonth } from '../support/risk-month.ts';

describe('RISK-1 anomaly alerts over a month', () => {
  const planted = generateMonth({ seed: 12, customers: 400, plant: true });
  const clean = generateMonth({ seed: 12, customers: 420, plant: false });

  it('the months are real offices: hundreds of registrations, follow-ups and reports recorded', () => {
    for (const m of [planted, clean]) {
      const count = (type: string) => m.office.log.filter((f) => f.type === type).length;
      expect(count('registered')).toBeGreaterThan(400);
      expect(count('followedUp')).toBeGreaterThan(300);
      expect(count('reported')).toBeGreaterThan(100);
    }
  });

  it('alerts every one of the 20 planted patterns, naming the records that raised it', () => {
    const alerts = riskAlerts(planted.office.log);
    expect(planted.planted).toHaveLength(20);
    for (const p of planted.planted) {
      const hit = alerts.find((a) => a.kind === p.kind && a.phone === p.phone);
      expect(hit, `${p.kind} of ${p.phone} not alerted`).toBeDefined();
      const bySeq = new Map(planted.office.log.map((f) => [f.seq, f]));
      for (const seq of hit?.records ?? []) expect(bySeq.has(seq)).toBe(true);
      expect(hit?.records.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('raises fewer than 5 false alerts on a clean month of the same size', () => {
    const alerts = riskAlerts(clean.office.log);
    expect(alerts.length, JSON.stringify(alerts.slice(0, 5))).toBeLessThan(5);
  });

  it('thresholds are knobs: a stricter edit threshold alerts an honest correction', () => {
    const strict = riskAlerts(clean.office.log, { ...STANDARD_RISK, edits: 2 });
    expect(strict.filter((a) => a.kind === 'repeatedEdits').length).toBeGreaterThan(10);
    const lax = riskAlerts(planted.office.log, { ...STANDARD_RISK, reportAfterArrivalMinutes: 10 });
    expect(lax.filter((a) => a.kind === 'reportAfterArrival')).toHaveLength(0);
  });
});
