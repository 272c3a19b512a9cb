// Bundles the command line (src/cli/main.ts and everything it imports from src) into ES modules with
// esbuild, so that `anchang` runs plain JavaScript: no loader thread and no per-module source maps held
// in memory, as running the sources through tsx's loader does (a server holding five offices: 196 against
// 269 MiB of RSS, 2026-12-07; BENCHMARKS.md). It takes about 0.2 s, at every start, so the bundle is never
// older than the sources. Packages stay imports, resolved from node_modules as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'cli');

/**
 * Each module keeps its own `import.meta.url` and `import.meta.dirname`: the server finds the web app, and
 * the snapshot formats hash their sources, relative to the file that asks — in a bundle these would all
 * name the bundle.
 */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
        .replaceAll('import.meta.filename', JSON.stringify(path));
      return { contents, loader: path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Bundles the CLI into a folder of dist/cli and returns the path of its entry. Each command's code is a chunk
 * of its own, loaded when the command runs. The folder is named by the content, so parallel starts never clash.
 */
export async function bundleCli() {
  const esbuild = await import('esbuild');
  let files;
  try {
    const result = await esbuild.build({
      entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      splitting: true,
      outdir: OUT,
      entryNames: 'main',
      target: 'node20',
      packages: 'external',
      // No keepNames: it wraps every function made at run time in a call that defines its `name` (a closure
      // made per request or per rule walk paid it each time, ≈ 3% of a judge over HTTP, issue 13). Nothing reads
      // a function's name; stack traces name a function as the bundle does, which for a few is `name2`.
      keepNames: false,
      write: false,
      logLevel: 'silent',
      plugins: [ownImportMeta],
    });
    files = result.outputFiles;
  } finally {
    await esbuild.stop();
  }
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.path).update(f.contents);
  const name = `anchang-${hash.digest('hex').slice(0, 16)}`;
  const folder = join(OUT, name);
  if (!existsSync(folder)) {
    const temporary = `${folder}.${process.pid}.tmp`;
    for (const f of files) {
      const target = join(temporary, relative(OUT, f.path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.contents);
    }
    try {
      renameSync(temporary, folder);
    } catch (error) {
      // another start renamed the same bundle first
      rmSync(temporary, { recursive: true, force: true });
      if (!existsSync(folder)) throw error;
    }
    pruneOldBundles(name);
  }
  return join(folder, 'main.js');
}

/** Bundles of earlier sources, left by earlier starts: removed a day after they were written. */
function pruneOldBundles(keep) {
  const dayAgo = Date.now() - 24 * 3_600_000;
  for (const entry of readdirSync(OUT)) {
    if (entry === keep || !entry.startsWith('anchang-')) continue;
    try {
      if (statSync(join(OUT, entry)).mtimeMs < dayAgo) rmSync(join(OUT, entry), { recursive: true, force: true });
    } catch {
      // another start removed it first
    }
  }
}
