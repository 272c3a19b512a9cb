// The layering rule, made mechanical: the rules engine is pure and imports no adapter.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
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
      for (const spec of imports(file)) expect(spec.startsWith('./') || spec.startsWith('../core/'), `${file} imports ${spec}`).toBe(true);
    }
  });
});
