// The role × endpoint table as docs/API.md prints it, rendered from the table the server enforces.
import { ENDPOINTS, type EndpointName } from '../../src/api/access.policy.ts';
import { ACCOUNT_ROLES } from '../../src/accounts/roles.ts';

export function roleTableMarkdown(): string {
  const head = `| endpoint | ${ACCOUNT_ROLES.join(' | ')} |`;
  const rule = `|---|${ACCOUNT_ROLES.map(() => '---').join('|')}|`;
  const rows = (Object.keys(ENDPOINTS) as EndpointName[]).map((name) => {
    const e = ENDPOINTS[name];
    return `| \`${e.method} ${e.path}\` | ${ACCOUNT_ROLES.map((r) => e.grants[r] ?? '–').join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}
