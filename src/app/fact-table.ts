// The facts a read model holds, by seq, in chunks of consecutive seqs. A chunk comes back from a saved state
// as bytes and is opened only when one of its facts is asked for: a restarted server's first report opens
// the chunks of its month, not the office's whole history (issue 11: the monthly report from a cold start).
// Turning facts into bytes and back is the store's (a `FactCodec`); without one, chunks stay as facts.
import type { Recorded } from '../core/facts.ts';

/** Facts as bytes and back (src/store: the V8 serialiser). */
export interface FactCodec {
  encode(facts: readonly Recorded[]): Uint8Array;
  decode(bytes: Uint8Array): readonly Recorded[];
}

/** Seqs per chunk: a month of a busy office is a few dozen chunks, and one is opened in well under a millisecond. */
export const CHUNK_FACTS = 512;

/** A table's state as plain data: each chunk as the facts it holds (in seq order), or as their bytes. */
export interface FactTableState {
  /** The last seq put (a chunk below it is full). */
  readonly lastSeq: number;
  readonly chunks: readonly (readonly Recorded[] | Uint8Array | null)[];
}

type Slots = (Recorded | undefined)[];

export class FactTable {
  /** Open chunks: the facts by `seq - 1` modulo CHUNK_FACTS. */
  private readonly open: (Slots | undefined)[] = [];
  /** The bytes of chunks that were saved or put back; a full chunk never changes, so its bytes stay good. */
  private readonly bytes: (Uint8Array | undefined)[] = [];
  private lastSeq = 0;

  constructor(
    private readonly codec: FactCodec | null,
    state?: FactTableState,
  ) {
    state?.chunks.forEach((chunk, i) => {
      if (chunk instanceof Uint8Array) {
        if (!codec) throw new Error('a chunk of facts as bytes, and nothing to open it with');
        this.bytes[i] = chunk;
      } else if (chunk) this.open[i] = this.slotsOf(chunk);
    });
    this.lastSeq = state?.lastSeq ?? 0;
  }

  /** Keeps a fact (each seq once, in increasing order). */
  put(f: Recorded): void {
    const i = Math.floor((f.seq - 1) / CHUNK_FACTS);
    const slots = this.open[i] ?? this.opened(i) ?? (this.open[i] = []);
    slots[(f.seq - 1) % CHUNK_FACTS] = f;
    if (f.seq > this.lastSeq) this.lastSeq = f.seq;
  }

  /** The fact recorded at `seq`, if this table keeps it. */
  get(seq: number): Recorded | undefined {
    const i = Math.floor((seq - 1) / CHUNK_FACTS);
    return (this.open[i] ?? this.opened(i))?.[(seq - 1) % CHUNK_FACTS];
  }

  /** The facts at these seqs, in the order given (a seq the table does not keep is skipped). */
  all(seqs: readonly number[]): Recorded[] {
    const out: Recorded[] = [];
    for (const s of seqs) {
      const f = this.get(s);
      if (f) out.push(f);
    }
    return out;
  }

  /** The state, with every full chunk as bytes when there is a codec (encoded once: a full chunk does not change). */
  state(): FactTableState {
    const count = Math.max(this.open.length, this.bytes.length);
    const chunks: (readonly Recorded[] | Uint8Array | null)[] = [];
    for (let i = 0; i < count; i++) {
      const kept = this.bytes[i];
      const slots = this.open[i];
      if (kept) chunks.push(kept);
      else if (!slots) chunks.push(null);
      else {
        const facts = slots.filter((f): f is Recorded => f !== undefined);
        const full = (i + 1) * CHUNK_FACTS <= this.lastSeq;
        if (full && this.codec) {
          const encoded = this.codec.encode(facts);
          this.bytes[i] = encoded;
          chunks.push(encoded);
        } else chunks.push(facts);
      }
    }
    return { lastSeq: this.lastSeq, chunks };
  }

  private opened(i: number): Slots | undefined {
    const kept = this.bytes[i];
    if (!kept || !this.codec) return undefined;
    const slots = this.slotsOf(this.codec.decode(kept));
    this.open[i] = slots;
    return slots;
  }

  private slotsOf(facts: readonly Recorded[]): Slots {
    const slots: Slots = [];
    // Facts read from the log are frozen; so are the ones put back.
    for (const f of facts) slots[(f.seq - 1) % CHUNK_FACTS] = Object.freeze(f);
    return slots;
  }
}
