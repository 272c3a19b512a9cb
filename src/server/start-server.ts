// The composition root: storage, offices, accounts, the HTTP API and the built web app, in one process.
// Several such processes may share one PostgreSQL; each hears the others' commits (LISTEN/NOTIFY).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../api/build-api.ts';
import type { Config } from './config.ts';
import { seedDemoAccounts } from './demo-accounts.ts';
import { seedDemoOffice } from './demo-office.ts';
import { openInstallation, type Installation } from './installation.ts';
import { createLogger } from './logger.ts';
import { serveWebApp } from './serve-web-app.ts';

/** The built web app (`npm run build:web`); the API alone runs without it. */
export const WEB_DIST = resolve(import.meta.dirname, '../../dist/web');

/**
 * Login requests per address a minute (docs/API.md states it). A sales office's PCs and phones usually share
 * one public address, and fifty consultants sign in around opening time; guessing is stopped by the
 * sign-in throttle, this only stops floods.
 */
export const SERVER_LOGIN_RATE = Object.freeze({ max: 300, timeWindowMs: 60_000 });

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly installation: Installation;
  /** True when this start seeded the demo office into an empty database. */
  readonly seeded: boolean;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly clock?: () => number;
  /** False silences the log whatever the configuration says. */
  readonly logger?: boolean;
  readonly webDist?: string;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? Date.now;
  // The log exists before the store opens, so a customer whose personal data does not open is reported.
  const logger = createLogger(options.logger === false ? { ...config.log, level: 'silent' } : config.log);
  const installation = await openInstallation(config, {
    listen: true,
    ...(options.clock ? { clock: options.clock } : {}),
    onUnreadable: (project, subject, detail) => logger.error({ project, subject, detail }, 'personal data unreadable: this customer reads masked (run anchang verify)'),
  });
  let seeded = false;
  try {
    if (config.demo && (await installation.offices.list()).length === 0) {
      seeded = (await seedDemoOffice(installation.offices, clock())) !== null;
      await seedDemoAccounts(installation.db, clock());
    }
    const webDist = options.webDist ?? WEB_DIST;
    const hasWeb = existsSync(join(webDist, 'index.html'));
    const app = buildApi({
      offices: installation.offices,
      db: installation.db,
      clock,
      escortSecret: config.secret,
      loggerInstance: logger,
      trustProxy: config.trustProxy,
      loginRateLimit: SERVER_LOGIN_RATE,
    });
    if (hasWeb) await serveWebApp(app, webDist);
    const address = await app.listen({ port: config.port, host: config.host });
    return {
      url: address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost'),
      app,
      installation,
      seeded,
      async close() {
        await app.close();
        await installation.close();
      },
    };
  } catch (e) {
    await installation.close().catch(() => undefined);
    throw e;
  }
}
