// The JavaScript each route's first load downloads, gzipped, from the build manifest: the entry with its
// static imports, plus the route's lazy page with its static imports (a later lazy chunk, like the board's
// chart, is not in the first load). `node --import tsx test/web/bundle-size.ts` prints the table.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly isEntry?: boolean;
}

export const WEB_ROOT = resolve(import.meta.dirname, '../../dist/web');

export const ROUTES: Readonly<Record<string, string>> = {
  login: 'login/login.page.tsx',
  'front desk': 'front-desk/front-desk.page.tsx',
  'floor board': 'floor/floor-board.page.tsx',
  consultant: 'consultant/consultant.page.tsx',
  manager: 'manager/manager.page.tsx',
  // the channel (issue 10)
  'broker portal': 'broker/broker-portal.page.tsx',
  'broker sign-up': 'broker/broker-apply.page.tsx',
  'channel assistant': 'channel/channel-desk.page.tsx',
};

function closure(manifest: Readonly<Record<string, ManifestChunk>>, start: string, into: Set<string>): void {
  const chunk = manifest[start];
  if (!chunk || into.has(chunk.file)) return;
  into.add(chunk.file);
  for (const i of chunk.imports ?? []) closure(manifest, i, into);
}

export function gzippedSize(file: string, root = WEB_ROOT): number {
  return gzipSync(readFileSync(join(root, file))).length;
}

/** Files and gzipped bytes of the JavaScript a first load of each route fetches. */
export function firstLoadSizes(root = WEB_ROOT): Record<string, { files: string[]; gzip: number }> {
  const manifest = JSON.parse(readFileSync(join(root, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const out: Record<string, { files: string[]; gzip: number }> = {};
  for (const [route, page] of Object.entries(ROUTES)) {
    const files = new Set<string>();
    closure(manifest, 'index.html', files);
    closure(manifest, page, files);
    const list = [...files].filter((f) => f.endsWith('.js'));
    out[route] = { files: list, gzip: list.reduce((sum, f) => sum + gzippedSize(f, root), 0) };
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const [route, { files, gzip }] of Object.entries(firstLoadSizes())) console.log(`${route.padEnd(12)} ${(gzip / 1024).toFixed(1).padStart(7)} kB gzip  (${files.length} files)`);
}
