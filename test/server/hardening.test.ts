// Issue 14 item 10: the SQLite files are private to the server's account (0600 in a 0700 folder), every
// answer carries anti-framing headers and the web app's CSP, and docs/API.md states the login rate the
// server really allows.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openInstallation } from '../../src/server/installation.ts';
import { SERVER_LOGIN_RATE } from '../../src/server/start-server.ts';
import { startHarness, type Harness } from '../api/api-harness.ts';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('hardening', () => {
  const dirs: string[] = [];
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates the data folder 0700 and the SQLite files and secret 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'anchang-perm-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const installation = await openInstallation(loadConfig({ data: dataDir, demo: false }, {}));
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const f of ['anchang.db', 'anchang.db-wal', 'anchang.db-shm', 'secret.key']) expect(mode(join(dataDir, f)), f).toBe(0o600);
    } finally {
      await installation.close();
    }
  });

  it('answers with anti-framing headers and a CSP', async () => {
    h = await startHarness('sqlite');
    for (const url of ['/api/ping', '/api/nothing-here']) {
      const res = await h.anonymous('GET', url);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('docs/API.md states the login rate the server allows', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/API.md'), 'utf8');
    expect(SERVER_LOGIN_RATE.timeWindowMs).toBe(60_000);
    expect(doc).toContain(`allows ${SERVER_LOGIN_RATE.max} login requests a minute per address in the server`);
  });
});
