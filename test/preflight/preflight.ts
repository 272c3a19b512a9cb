// What `npm test` needs from the machine, decided from probes (pure: the probing is in probes.ts).
// One sentence per missing thing, each with the command that installs or starts it; none when all is there.

export const MIN_NODE = [20, 11] as const;

export type PostgresProbe = 'ok' | 'down' | 'password' | 'other';

export interface Probes {
  /** `process.versions.node`, e.g. "20.20.0". */
  readonly node: string;
  readonly postgres: { readonly state: PostgresProbe; readonly server: string; readonly detail?: string };
  /** The Chromium the browser tests drive, and whether it is there. */
  readonly chromium: { readonly path: string; readonly present: boolean };
  /** A CJK font (fonts-noto-cjk): without it every Chinese character renders as an empty box. */
  readonly cjkFont: boolean;
}

const APT = 'apt-get install -y --no-install-recommends';

export function nodeIsRecentEnough(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

export function preflightProblems(p: Probes): string[] {
  const problems: string[] = [];
  if (!nodeIsRecentEnough(p.node)) problems.push(`Node ${MIN_NODE.join('.')} or newer is needed (this is ${p.node}): install Node 20 LTS, e.g. \`nvm install 20\`.`);
  const pg = p.postgres;
  if (pg.state === 'down') problems.push(`PostgreSQL is not answering at ${pg.server}: start it with \`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\` (or install it: \`${APT} postgresql\`).`);
  else if (pg.state === 'password') problems.push(`PostgreSQL at ${pg.server} asks for a password: the tests need trust auth for 127.0.0.1 (\`host all all 127.0.0.1/32 trust\` in pg_hba.conf, then \`pg_ctlcluster $(ls /etc/postgresql) main reload\`), or set ANCHANG_TEST_PG.`);
  else if (pg.state === 'other') problems.push(`PostgreSQL at ${pg.server} refused the tests' connection (${pg.detail ?? 'unknown error'}): they sign in as postgres without a password; set ANCHANG_TEST_PG=postgres://USER@HOST:PORT to use another.`);
  if (!p.chromium.present) problems.push(`Chromium is missing at ${p.chromium.path} (the browser tests drive it): install it with \`${APT} chromium fonts-noto-cjk\`.`);
  else if (!p.cjkFont) problems.push(`No Chinese font is installed (screens would show empty boxes): install it with \`${APT} fonts-noto-cjk\`.`);
  return problems;
}
