// An office's folded state as bytes, so a restart can start from it instead of folding the whole log (issue
// 13: cold start). A snapshot is derived data, never a source of truth: it names the log entry it was taken
// at (seq and that entry's hash) and the code that wrote it (`SNAPSHOT_FORMAT`), and it is sealed with
// AES-256-GCM under a key derived from the store secret, with those names as associated data. Whatever does
// not check out — another format, a flipped byte, a seq or head that is not the log's — is ignored and the
// log is folded instead, so losing or spoiling a snapshot loses nothing. It holds customers' phones (the
// engine's keys), which is why it is sealed, and why an erasure deletes it (SEC-5).
import { deserialize, serialize } from 'node:v8';
import { ChannelBook } from '../../core/channel-book.ts';
import { Engine } from '../../core/engine.ts';
import { ViolationRegister } from '../../core/violation.rules.ts';
import { RegisterBook } from '../../core/register-book.ts';
import type { PartyPhones } from '../projections/touches.ts';
import type { VaultKeys } from '../vault/vault-crypto.ts';
import { codeDigest, packBytes, sealingKey, unpackBytes } from './sealed-bytes.ts';
import { isPackedFiles, packFiles, PackedFiles } from './packed-files.ts';

/** What a snapshot restores: the engine, today's arrivals' phones, the erased tokens, and the head they reach. */
export interface SnapshotContent {
  readonly engine: Engine;
  readonly parties: PartyPhones;
  readonly retired: ReadonlySet<string>;
}

export interface SealedSnapshot {
  readonly seq: number;
  readonly head: string;
  readonly format: string;
  readonly body: Buffer;
}

/** Engine fields rebuilt by its constructor: closures over the engine and a memo of local days. */
const REBUILT = new Set(['floorContext', 'ownershipContext', 'calendar']);
/** Engine fields that are instances of core classes: their own fields are saved and put back into fresh ones. */
const NESTED: Readonly<Record<string, new () => object>> = { channelBook: ChannelBook, violations: ViolationRegister, registerBook: RegisterBook };

/**
 * The code a snapshot is only good for: a digest of the core (what folding computes) and of the files that
 * shape what is saved. A snapshot written by other code — a fixed rule, a new field — is refolded, never trusted.
 */
export const SNAPSHOT_FORMAT = codeDigest(
  'engine-v1',
  [new URL('../../core/', import.meta.url)],
  ['../office-state.ts', '../projections/touches.ts', './engine-snapshot.ts', './packed-files.ts', './sealed-bytes.ts'].map((f) => new URL(f, import.meta.url)),
);

function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null || proto === Array.prototype || proto === Map.prototype || proto === Set.prototype;
}

/** The engine's fields as plain data (Maps, Sets, arrays, objects), its customer files as `files` gives them. */
function fieldsOf(engine: Engine, files: (engine: Engine) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(engine)) {
    if (REBUILT.has(field)) continue;
    if (field === 'customers') out[field] = files(engine);
    else if (field in NESTED) out[field] = { ...(value as object) };
    else if (isPlain(value)) out[field] = value;
    else throw new Error(`engine snapshot: field "${field}" is neither plain data nor a known core class`);
  }
  return out;
}

/**
 * The state to compare: the fields as plain data, every customer file open (a `PackedFiles` is opened whole).
 * Throws on a field it does not know how to save.
 */
export const captureEngine = (engine: Engine): Record<string, unknown> => fieldsOf(engine, (e) => (e.customers instanceof PackedFiles ? new Map(e.customers) : e.customers));

/** What a snapshot stores: the same fields, the customer files each as its bytes in a compressed chunk (packed-files.ts). */
const savedFields = (engine: Engine): Record<string, unknown> => fieldsOf(engine, (e) => packFiles(e.customers, e.channelBook.records));

/** A new engine holding the captured fields: the constructor rebuilds the contexts and the calendar. */
export function restoreEngine(fields: Record<string, unknown>, zone: string): Engine {
  const engine = new Engine(fields['policy'] as Engine['policy'], zone);
  const target = engine as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(fields)) {
    const Nested = NESTED[field];
    if (Nested) target[field] = Object.assign(new Nested(), value);
    else if (field === 'customers' && isPackedFiles(value)) target[field] = new PackedFiles(value, (seq) => engine.channelBook.records.get(seq));
    else target[field] = value;
  }
  return engine;
}

const snapshotKey = (keys: VaultKeys): Buffer => sealingKey(keys, 'anchang/engine-snapshot/v1');
const associated = (project: string, seq: number, head: string, format: string): string => `${project}\n${seq}\n${head}\n${format}`;

/**
 * Serialises a state whose engine has folded through `head` (the entry at `engine.lastSeq`) at once — the
 * engine may go on folding as soon as this returns — then compresses and seals it.
 */
export function sealSnapshot(keys: VaultKeys, project: string, head: string, content: SnapshotContent): Promise<SealedSnapshot> {
  const seq = content.engine.lastSeq;
  const plain = serialize({ engine: savedFields(content.engine), parties: content.parties, retired: [...content.retired] });
  return packBytes(snapshotKey(keys), associated(project, seq, head, SNAPSHOT_FORMAT), plain).then((body) => ({ seq, head, format: SNAPSHOT_FORMAT, body }));
}

export type Opened = { readonly ok: true; readonly content: SnapshotContent } | { readonly ok: false; readonly why: 'format' | 'sealed' | 'content' };

/** Opens a snapshot written by this code for this project; anything else is refused with the reason. */
export async function openSnapshot(keys: VaultKeys, project: string, zone: string, snapshot: SealedSnapshot): Promise<Opened> {
  if (snapshot.format !== SNAPSHOT_FORMAT) return { ok: false, why: 'format' };
  let plain: Buffer;
  try {
    plain = await unpackBytes(snapshotKey(keys), associated(project, snapshot.seq, snapshot.head, snapshot.format), snapshot.body);
  } catch {
    return { ok: false, why: 'sealed' };
  }
  try {
    const data = deserialize(plain) as { engine: Record<string, unknown>; parties: PartyPhones; retired: string[] };
    const engine = restoreEngine(data.engine, zone);
    if (engine.lastSeq !== snapshot.seq) return { ok: false, why: 'content' };
    return { ok: true, content: { engine, parties: data.parties, retired: new Set(data.retired) } };
  } catch {
    return { ok: false, why: 'content' };
  }
}
