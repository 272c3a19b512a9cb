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
import { PACKED_FIELDS } from './packed-fields.ts';
import { PackedMap } from './packed-map.ts';

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
  ['../office-state.ts', '../projections/touches.ts', './engine-snapshot.ts', './packed-fields.ts', './packed-files.ts', './packed-map.ts', './sealed-bytes.ts'].map((f) => new URL(f, import.meta.url)),
);

function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null || proto === Array.prototype || proto === Map.prototype || proto === Set.prototype;
}

/** A map kept as bytes (packed-map.ts) as the Map it stands for, every value opened; any other value as it is. */
const openedWhole = (value: unknown): unknown => (value instanceof PackedMap ? new Map(value) : value);

/**
 * The engine's fields as plain data (Maps, Sets, arrays, objects). Packed (`pack`), those of `PACKED_FIELDS`
 * are saved each value as its bytes in a compressed chunk, as a snapshot stores them; otherwise every map kept
 * as bytes is opened whole. Throws on a field it does not know how to save.
 */
function fieldsOf(engine: Engine, pack: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(engine)) {
    if (REBUILT.has(field)) continue;
    const packed = pack ? PACKED_FIELDS[field] : undefined;
    if (packed) out[field] = packed.save(engine);
    else if (field in NESTED) out[field] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, openedWhole(v)]));
    else if (value instanceof PackedMap || isPlain(value)) out[field] = openedWhole(value);
    else throw new Error(`engine snapshot: field "${field}" is neither plain data nor a known core class`);
  }
  return out;
}

/** The state to compare, in tests and benches: every field as plain data, every value open. */
export const captureEngine = (engine: Engine): Record<string, unknown> => fieldsOf(engine, false);

/** A new engine holding the saved fields: the constructor rebuilds the contexts and the calendar; the packed fields come last. */
export function restoreEngine(fields: Record<string, unknown>, zone: string): Engine {
  const engine = new Engine(fields['policy'] as Engine['policy'], zone);
  const target = engine as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(fields)) {
    if (field in PACKED_FIELDS) continue;
    const Nested = NESTED[field];
    target[field] = Nested ? Object.assign(new Nested(), value) : value;
  }
  for (const [field, packed] of Object.entries(PACKED_FIELDS)) {
    if (!(field in fields)) throw new Error(`engine snapshot: no field "${field}"`);
    target[field] = packed.restore(fields[field], engine);
  }
  return engine;
}

const snapshotKey = (keys: VaultKeys): Buffer => sealingKey(keys, 'anchang/engine-snapshot/v1');
const associated = (project: string, seq: number, head: string, format: string): string => `${project}\n${seq}\n${head}\n${format}`;

/** A snapshot being sealed, and the state it holds put back in this process (`reopened`). */
export interface TakenSnapshot {
  readonly sealed: Promise<SealedSnapshot>;
  /**
   * The state as a restart would put it back from this snapshot: every value opened since the last one closed
   * again, so an office's memory is bounded by what it touched since its last snapshot (issue 13).
   */
  readonly reopened: () => SnapshotContent;
}

type SnapshotData = { engine: Record<string, unknown>; parties: PartyPhones; retired: string[] };

const contentOf = (data: SnapshotData, zone: string): SnapshotContent => ({ engine: restoreEngine(data.engine, zone), parties: data.parties, retired: new Set(data.retired) });

/**
 * Serialises a state whose engine has folded through `head` (the entry at `engine.lastSeq`) at once — the
 * engine may go on folding as soon as this returns — then compresses and seals it. Throws on an engine field
 * a snapshot cannot hold.
 */
export function takeSnapshot(keys: VaultKeys, project: string, head: string, content: SnapshotContent): TakenSnapshot {
  const seq = content.engine.lastSeq;
  const zone = content.engine.zone;
  const plain = serialize({ engine: fieldsOf(content.engine, true), parties: content.parties, retired: [...content.retired] } satisfies SnapshotData);
  const sealed = packBytes(snapshotKey(keys), associated(project, seq, head, SNAPSHOT_FORMAT), plain).then((body) => ({ seq, head, format: SNAPSHOT_FORMAT, body }));
  return { sealed, reopened: () => contentOf(deserialize(plain) as SnapshotData, zone) };
}

export const sealSnapshot = (keys: VaultKeys, project: string, head: string, content: SnapshotContent): Promise<SealedSnapshot> => takeSnapshot(keys, project, head, content).sealed;

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
    const content = contentOf(deserialize(plain) as SnapshotData, zone);
    if (content.engine.lastSeq !== snapshot.seq) return { ok: false, why: 'content' };
    return { ok: true, content };
  } catch {
    return { ok: false, why: 'content' };
  }
}
