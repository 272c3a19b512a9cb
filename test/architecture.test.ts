// The layering rule, made mechanical: the rules engine is pure and imports no adapter; the application
// layer (commands, reads) only the engine; the HTTP contract only zod and the core's definitions; and the
// web app never the server's modules.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
/** Every `import … from` and `export … from` of a file, with whether it is type-only (erased from the build). */
function links(file: string): { spec: string; typeOnly: boolean }[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(import|export)(\s+type\b)?[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => ({ spec: m[3] as string, typeOnly: m[2] !== undefined }));
}
const webSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? webSources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
const imports = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);

describe('architecture', () => {
  it('src/core imports only itself and pure libraries (no node:, no adapters)', () => {
    const allowed = new Set(['luxon', 'zod', 'libphonenumber-js/max']);
    for (const file of sources('src/core')) {
      for (const spec of imports(file)) {
        const ok = spec.startsWith('./') || allowed.has(spec);
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('src/core never reads the clock, randomness or the environment', () => {
    for (const file of sources('src/core')) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/Date\.now\(|new Date\(|Math\.random\(|process\.|DateTime\.(now|local)\(|performance\.now\(/);
    }
  });

  it('src/app depends on core, not on stores or adapters', () => {
    for (const file of sources('src/app')) {
      for (const spec of imports(file)) {
        // Resolved, so that a subfolder (src/app/sales) may reach ../../core but nothing outside app and core.
        const target = spec.startsWith('.') ? relative('src', resolve(dirname(file), spec)) : spec;
        expect(target.startsWith('app/') || target.startsWith('core/'), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('src/contracts imports only zod, itself, and the core: its types, and the few definitions it shares', () => {
    // The contract reuses the rules' own definitions instead of copying them (a copy would drift): the policy
    // schema, phone normalisation, the deal stages, the zone check. They are pure and compile in the web app.
    const shared = new Set(['../core/policy.ts', '../core/phone.ts', '../core/facts.ts', '../core/time.ts']);
    for (const file of sources('src/contracts')) {
      for (const { spec, typeOnly } of links(file)) {
        const ok = spec === 'zod' || spec.startsWith('./') || (spec.startsWith('../core/') && (typeOnly || shared.has(spec)));
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('src/web never imports the server: not src/api, src/app, src/store, src/server, src/accounts or src/cli', () => {
    const server = /^(api|app|store|server|accounts|cli)(\/|$)/;
    for (const file of webSources('src/web')) {
      for (const { spec } of links(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative('src', resolve(dirname(file), spec));
        expect(server.test(target), `${file} imports ${spec}`).toBe(false);
      }
    }
  });
});
