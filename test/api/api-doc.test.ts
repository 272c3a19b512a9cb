// docs/API.md prints the role × endpoint table; this keeps it equal to the table the server enforces.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roleTableMarkdown } from './role-table-markdown.ts';

describe('docs/API.md', () => {
  it('prints the role × endpoint table the server enforces', () => {
    const doc = readFileSync('docs/API.md', 'utf8');
    expect(doc, `docs/API.md must contain:\n${roleTableMarkdown()}`).toContain(roleTableMarkdown());
  });
});
