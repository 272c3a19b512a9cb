// The customer index's facts by seq, in chunks that come back from a saved state as bytes and are opened
// only when one of their facts is asked for (issue 11: the monthly report from a cold start).
import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { CHUNK_FACTS, FactTable, type FactCodec } from '../../src/app/fact-table.ts';
import type { Recorded } from '../../src/core/facts.ts';

const fact = (seq: number): Recorded => ({ type: 'followedUp', seq, at: 1_700_000_000_000 + seq, by: 'C01', phone: `138${String(seq).padStart(8, '0')}`, reached: true, via: 'call' }) as unknown as Recorded;

/** A codec that counts what it opened. */
function counting() {
  const seen = { encoded: 0, decoded: 0 };
  const codec: FactCodec = {
    encode: (facts) => (seen.encoded++, serialize(facts)),
    decode: (bytes) => (seen.decoded++, deserialize(bytes) as Recorded[]),
  };
  return { codec, seen };
}

describe('a table of facts by seq', () => {
  it('keeps facts by seq, skips seqs it was not given, and hands them in the order asked', () => {
    const table = new FactTable(null);
    for (let seq = 1; seq <= 1_200; seq++) if (seq % 3 !== 0) table.put(fact(seq));
    expect(table.get(1)?.seq).toBe(1);
    expect(table.get(3)).toBeUndefined();
    expect(table.get(1_200)).toBeUndefined();
    expect(table.get(5_000)).toBeUndefined();
    expect(table.all([700, 2, 3, 1]).map((f) => f.seq)).toEqual([700, 2, 1]);
  });

  it('encodes each full chunk once, keeps the last (still filling) as facts, and opens a chunk put back only when asked', () => {
    const { codec, seen } = counting();
    const table = new FactTable(codec);
    const last = 2 * CHUNK_FACTS + 10;
    for (let seq = 1; seq <= last; seq++) table.put(fact(seq));
    const state = table.state();
    expect(seen.encoded).toBe(2);
    expect(state.chunks.map((c) => c instanceof Uint8Array)).toEqual([true, true, false]);
    table.state();
    expect(seen.encoded).toBe(2); // a full chunk does not change: its bytes are kept

    const back = new FactTable(codec, deserialize(serialize(state)) as typeof state);
    expect(seen.decoded).toBe(0);
    expect(back.get(CHUNK_FACTS + 1)).toEqual(fact(CHUNK_FACTS + 1));
    expect(seen.decoded).toBe(1);
    expect(Object.isFrozen(back.get(CHUNK_FACTS + 2))).toBe(true);
    expect(back.all([1, last]).map((f) => f.seq)).toEqual([1, last]);
    expect(seen.decoded).toBe(2);
    // It goes on as the table it was taken from.
    back.put(fact(last + 1));
    expect(back.get(last + 1)?.seq).toBe(last + 1);
    expect(back.state().chunks.length).toBe(3);
  });

  it('refuses a state holding bytes when it has nothing to open them with', () => {
    const { codec } = counting();
    const table = new FactTable(codec);
    for (let seq = 1; seq <= CHUNK_FACTS; seq++) table.put(fact(seq));
    expect(() => new FactTable(null, table.state())).toThrow();
  });
});
