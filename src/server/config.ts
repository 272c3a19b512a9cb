// Configuration, parsed once at start-up into a frozen object. The only file that reads process.env:
// every problem is listed at once, so a misconfigured office sees all of them in one go.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

export interface Config {
  /** Where SQLite keeps its file and the installation's secret; `./data` by default. */
  readonly dataDir: string;
  /** PostgreSQL connection string; SQLite in `dataDir` when absent. */
  readonly databaseUrl: string | null;
  readonly port: number;
  readonly host: string;
  /** Master secret: keys the phone HMAC and wraps the per-customer keys of personal data (SEC-5). */
  readonly secret: Buffer;
  /** Seed the demo office into an empty database. */
  readonly demo: boolean;
  // reliability and security (issue 14)
  /** The structured log: ANCHANG_LOG_LEVEL (default info; `silent` for none), ANCHANG_LOG_FILE (default stdout). */
  readonly log: { readonly level: string; readonly file: string | null };
  /**
   * TRUST_PROXY: behind a reverse proxy (nginx, Caddy) terminating HTTPS, whose X-Forwarded-For and
   * X-Forwarded-Proto to believe — `true` (the nearest hop, whoever it is), or addresses/CIDRs separated by commas.
   * Off by default: a client could otherwise pick its own address and dodge the sign-in throttle.
   */
  readonly trustProxy: boolean | string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`configuration problems:\n  - ${problems.join('\n  - ')}`);
  }
}

export interface ConfigInput {
  readonly data?: string;
  readonly port?: string;
  readonly demo?: boolean;
  /**
   * False for commands that inspect an existing installation (`anchang verify`): a missing secret.key is a
   * problem to report, never made up — a new secret would leave a restored backup's customers unreadable.
   */
  readonly createSecret?: boolean;
}

export function loadConfig(flags: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const dataDir = resolve(flags.data ?? env.ANCHANG_DATA ?? 'data');
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push(`DATABASE_URL must be a postgres:// URL (got "${databaseUrl}")`);
  const portText = flags.port ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`port must be a number 0–65535 (got "${portText}")`);
  const host = env.HOST?.trim() || '127.0.0.1';
  let secret: Buffer | null = null;
  if (env.ANCHANG_SECRET) {
    secret = Buffer.from(env.ANCHANG_SECRET, 'base64');
    if (secret.length < 32) problems.push('ANCHANG_SECRET must be at least 32 bytes, base64-encoded');
  } else if (databaseUrl) {
    // Several processes share one PostgreSQL: they must share the secret, so it cannot be made up locally.
    problems.push('ANCHANG_SECRET (base64, ≥ 32 bytes) is required with DATABASE_URL; every server process needs the same one');
  }
  const level = env.ANCHANG_LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(level)) problems.push(`ANCHANG_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${level}")`);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY?.trim() ?? '');
  if (!secret && flags.createSecret === false && !existsSync(join(dataDir, 'secret.key'))) {
    problems.push(`no secret.key in ${dataDir} and no ANCHANG_SECRET: restore the secret with the database (a new one cannot open its customers' data)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    dataDir,
    databaseUrl,
    port,
    host,
    secret: secret ?? localSecret(dataDir),
    demo: flags.demo ?? env.ANCHANG_DEMO !== '0',
    log: Object.freeze({ level, file: env.ANCHANG_LOG_FILE?.trim() ? resolve(env.ANCHANG_LOG_FILE.trim()) : null }),
    trustProxy,
  });
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** TRUST_PROXY as Fastify's `trustProxy`: empty or false = off, true, or a list of addresses. */
function parseTrustProxy(text: string): boolean | string {
  if (text === '' || text === 'false' || text === '0') return false;
  return text === 'true' ? true : text;
}

/** The one-PC installation keeps its secret beside the database, created on first run, readable by its owner only. */
function localSecret(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** `anchang user add` takes the new password from ANCHANG_PASSWORD when set (scripts), else it prompts. */
export function passwordFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ANCHANG_PASSWORD;
}
