// The register import over HTTP (issue 11.4): the manager uploads a paper-era register (.xlsx or .csv); the dry
// run answers the column mapping (the office's remembered one first), what would be imported and every rejected
// row with its reasons; the rejects download as .xlsx; the commit imports the planned entries, each one an
// `importEntry` command the manager approves (REG-5), and remembers the mapping for the office's next file.
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rememberedMapping, rememberMapping, type RememberedMapping } from '../accounts/import-mappings-store.ts';
import { commitRegisterImport, type ImportCommitted } from '../app/register-import/commit-register-import.ts';
import { ENTRY_KINDS, REGISTER_COLUMNS, REQUIRED_COLUMNS, suggestRegisterMapping, type EntryKind, type RegisterColumn, type RegisterMapping } from '../app/register-import/register-columns.ts';
import { importContextOf, planRegisterImport } from '../app/register-import/register-import-plan.ts';
import { rejectsSheet, rejectWords } from '../app/register-import/rejects-sheet.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { registerImportBody, registerImportPlanSchema, type RegisterImportBody, type RegisterImportPlanView } from '../contracts/register-import.contract.ts';
import { writeXlsx } from '../export/write-xlsx.ts';
import { readRegisterSheet } from '../import/read-register-sheet.ts';
import { addProjectRoute, authorisedInput, inProject, type RouteDeps } from './api-route.ts';
import { ApiError } from './error-map.ts';

/** 100,000 rows of .csv as base64, with room to spare. */
const BODY_LIMIT = 26 * 1024 * 1024;
/** Rejected rows the answer lists; the rejects file has them all. */
const SHOWN_REJECTS = 200;

/** The remembered mapping applied to this file's headers: each field whose header the file has. */
function fromRemembered(remembered: RememberedMapping | null, headers: readonly string[]): RegisterMapping | null {
  if (!remembered) return null;
  const columns: Partial<Record<RegisterColumn, number>> = {};
  for (const [field, header] of Object.entries(remembered.headers)) {
    const i = headers.indexOf(header);
    if (i !== -1 && (REGISTER_COLUMNS as readonly string[]).includes(field)) columns[field as RegisterColumn] = i;
  }
  if (REQUIRED_COLUMNS.some((c) => columns[c] === undefined)) return null;
  return { columns, kind: (ENTRY_KINDS as readonly string[]).includes(remembered.kind) ? (remembered.kind as EntryKind) : 'visit' };
}

export function registerImportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock } = deps;

  /** Reads the file and plans the import against the office as it stands; nothing is recorded. */
  const plan = async (req: FastifyRequest, body: RegisterImportBody) => {
    const { caller, handle } = inProject(req);
    const bytes = Buffer.from(body.contentBase64, 'base64');
    const read = await readRegisterSheet(bytes);
    if (!read.ok) throw new ApiError('validation', { detail: `the file cannot be read as a register (${read.code})`, issues: [{ in: 'body', path: 'contentBase64', code: read.code, message: read.code }] });
    const remembered = body.mapping ? null : fromRemembered(await rememberedMapping(db, handle.project.id), read.grid.headers);
    const suggested = suggestRegisterMapping(read.grid.headers);
    const mapping: RegisterMapping = body.mapping ?? remembered ?? { columns: suggested.columns, kind: suggested.kind };
    const mappingFrom = body.mapping ? ('request' as const) : remembered ? ('remembered' as const) : ('suggested' as const);
    const now = clock();
    const engine = await handle.engine();
    const result = planRegisterImport(read.grid, mapping, importContextOf(engine, now));
    return { caller, handle, bytes, read, mapping, mappingFrom, result, now };
  };

  const view = (p: Awaited<ReturnType<typeof plan>>, fileName: string, commit: (ImportCommitted & { batch: string }) | null): RegisterImportPlanView => {
    const base = { fileName, format: p.read.format, headers: [...p.read.grid.headers], mapping: { columns: { ...p.mapping.columns }, kind: p.mapping.kind }, mappingFrom: p.mappingFrom, rowCount: p.result.rowCount };
    if (!p.result.ok)
      return { ...base, ok: false, mappingProblems: p.result.mappingProblems.map((m) => ({ ...m })), entries: 0, byKind: { visit: 0, call: 0, followUp: 0 }, alreadyImported: 0, rejectCount: 0, rejects: [], commit: null };
    const r = p.result;
    return {
      ...base,
      ok: true,
      mappingProblems: [],
      entries: r.entries.length,
      byKind: { ...r.byKind },
      alreadyImported: r.alreadyImported.length,
      rejectCount: r.rejects.length,
      rejects: r.rejects.slice(0, SHOWN_REJECTS).map((x) => ({ rowNo: x.rowNo, reasons: x.reasons.map((reason) => ({ code: reason.code, field: reason.field, params: { ...reason.params }, text: rejectWords(reason) })) })),
      commit: commit ? { batch: commit.batch, committed: commit.committed, alreadyImported: commit.alreadyImported.length, refused: commit.refused.length } : null,
    };
  };

  addProjectRoute(app, 'registerImportPlan', {
    summary: 'Dry run of a paper-era register (.xlsx or .csv) of visits, calls and follow-ups: the column mapping (remembered per office), what would be imported, every rejected row with its reasons (issue 11.4); records nothing',
    tags: ['register'],
    params: projectParams,
    body: registerImportBody,
    answer: registerImportPlanSchema,
    bodyLimit: BODY_LIMIT,
    handler: async ({ body }, req) => view(await plan(req, body), body.fileName, null),
  });

  addProjectRoute(app, 'registerImportRejects', {
    summary: "The dry run's rejected rows as .xlsx: row number, reasons in Chinese and the row as the file had it (issue 11.4)",
    tags: ['register'],
    params: projectParams,
    body: registerImportBody,
    bodyLimit: BODY_LIMIT,
    handler: async ({ body }, req, reply) => {
      const p = await plan(req, body);
      if (!p.result.ok) throw new ApiError('validation', { detail: 'the column mapping is incomplete: no rows were read' });
      const out = new PassThrough();
      writeXlsx(rejectsSheet(p.read.grid.headers, p.result.rejects, body.fileName), out).catch((error: unknown) => {
        req.log.error({ err: error }, 'rejects export failed');
        out.destroy(error as Error);
      });
      const name = `${body.fileName.replace(/\.(xlsx|csv|txt)$/i, '')}-未导入.xlsx`;
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="rejects.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'no-store');
      return out;
    },
  });

  addProjectRoute(app, 'registerImportCommit', {
    summary: 'Imports the planned entries of a paper-era register, each at its own time and marked imported with the approving manager (REG-5); a second commit of the same file records nothing; the mapping is remembered for the office (issue 11.4)',
    tags: ['register'],
    params: projectParams,
    body: registerImportBody,
    answer: registerImportPlanSchema,
    bodyLimit: BODY_LIMIT,
    handler: async ({ body }, req) => {
      const p = await plan(req, body);
      const input = await authorisedInput('registerImportCommit', p.caller, {});
      const by = typeof input.by === 'string' ? input.by : null;
      if (by === null) throw new ApiError('forbidden', { detail: 'an import is approved by a manager of this office (REG-5)' });
      if (!p.result.ok) return view(p, body.fileName, null);
      const batch = `${new Date(p.now).toISOString().slice(0, 10)}-${createHash('sha256').update(p.bytes).digest('hex').slice(0, 10)}`;
      const actor = { kind: 'user' as const, id: p.caller.userId };
      const committed = await commitRegisterImport((command) => p.handle.execute(command, actor), p.result.entries, batch, by);
      const headers: Record<string, string> = {};
      for (const [field, i] of Object.entries(p.mapping.columns)) if (i !== undefined && p.read.grid.headers[i]) headers[field] = p.read.grid.headers[i] as string;
      await rememberMapping(db, p.handle.project.id, p.caller.login, p.now, { headers, kind: p.mapping.kind });
      return view(p, body.fileName, { ...committed, batch });
    },
  });
}
