// The preflight's decision: silent on a ready machine, one sentence with the fixing command per missing piece.
import { describe, expect, it } from 'vitest';
import { nodeIsRecentEnough, preflightProblems, type Probes } from './preflight.ts';
import { probePostgres } from './probes.ts';

const READY: Probes = {
  node: '20.20.0',
  postgres: { state: 'ok', server: '127.0.0.1:5432' },
  chromium: { path: '/usr/bin/chromium', present: true },
  cjkFont: true,
};

describe('preflight', () => {
  it('says nothing when everything is there', () => {
    expect(preflightProblems(READY)).toEqual([]);
  });

  it('names a missing Chromium and the apt-get line that installs it with the fonts', () => {
    const problems = preflightProblems({ ...READY, chromium: { path: '/usr/bin/chromium', present: false }, cjkFont: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Chromium is missing at \/usr\/bin\/chromium/);
    expect(problems[0]).toContain('apt-get install -y --no-install-recommends chromium fonts-noto-cjk');
  });

  it('names missing Chinese fonts alone', () => {
    expect(preflightProblems({ ...READY, cjkFont: false })).toEqual([expect.stringContaining('install it with `apt-get install -y --no-install-recommends fonts-noto-cjk`')]);
  });

  it('tells how to start PostgreSQL when it does not answer, and how to allow trust auth when it asks for a password', () => {
    expect(preflightProblems({ ...READY, postgres: { state: 'down', server: '127.0.0.1:5432' } })).toEqual([expect.stringContaining('pg_ctlcluster --skip-systemctl-redirect')]);
    expect(preflightProblems({ ...READY, postgres: { state: 'password', server: '127.0.0.1:5432' } })).toEqual([expect.stringContaining('trust')]);
  });

  it('wants Node 20.11 or newer', () => {
    expect(['20.11.0', '20.20.0', '22.1.0'].map(nodeIsRecentEnough)).toEqual([true, true, true]);
    expect(['20.10.0', '18.19.1'].map(nodeIsRecentEnough)).toEqual([false, false]);
    expect(preflightProblems({ ...READY, node: '18.19.1' })[0]).toMatch(/Node 20\.11 or newer is needed \(this is 18\.19\.1\)/);
  });

  it('reports several missing pieces one sentence each', () => {
    const problems = preflightProblems({ node: '18.0.0', postgres: { state: 'down', server: 'x' }, chromium: { path: '/c', present: false }, cjkFont: false });
    expect(problems).toHaveLength(3);
    for (const p of problems) expect(p.split(/\.\s/).length).toBeLessThanOrEqual(2);
  });

  it('probes a PostgreSQL that is not there quickly, as down', async () => {
    const started = Date.now();
    const probe = await probePostgres('postgres://postgres@127.0.0.1:1', 2000);
    expect(probe.state).toBe('down');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
