// CH-10 escort proof without photos: each live report has a short-lived code the broker shows at the desk,
// six digits (typed) and a signed token (scanned as a QR code). Both are an HMAC under a key derived from
// the installation's secret, over the project, the report, its broker, the customer it names (phone or
// mask) and a time window, so a code cannot be forged, moved to another phone or broker, or kept: it is
// accepted in its own window and the next (at most two windows), and single use is the engine's (an
// arrival records the report it proved, and a second arrival with the same report is refused).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** One window of an escort code. A code is shown for its window and accepted through the next one. */
export const ESCORT_WINDOW_MS = 5 * 60_000;

export interface EscortSubject {
  readonly project: string;
  readonly report: number;
  readonly broker: string;
  /** The normalised phone, or the mask, the report named. */
  readonly customer: string;
}

export class EscortCodes {
  private readonly key: Buffer;

  constructor(secret: Buffer | string) {
    this.key = createHmac('sha256', secret).update('anchang escort codes v1').digest();
  }

  private mac(s: EscortSubject, window: number): Buffer {
    return createHmac('sha256', this.key).update(`${s.project}\u0000${s.report}\u0000${s.broker}\u0000${s.customer}\u0000${window}`).digest();
  }

  windowOf(now: number): number {
    return Math.floor(now / ESCORT_WINDOW_MS);
  }

  /** Six digits for the window. */
  code(s: EscortSubject, window: number): string {
    return String(this.mac(s, window).readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }

  /** The QR payload: report and window in clear, then the HMAC (base64url). */
  token(s: EscortSubject, window: number): string {
    return `e1.${s.report}.${window}.${this.mac(s, window).subarray(0, 18).toString('base64url')}`;
  }

  /** What the broker's phone shows now, and until when it is accepted. */
  issue(s: EscortSubject, now: number): { code: string; token: string; expiresAt: number; validSeconds: number } {
    const w = this.windowOf(now);
    const expiresAt = (w + 2) * ESCORT_WINDOW_MS;
    return { code: this.code(s, w), token: this.token(s, w), expiresAt, validSeconds: Math.round((expiresAt - now) / 1000) };
  }

  /** Reads a scanned token's report and window; null when it is not one of ours in form. */
  parseToken(token: string): { report: number; window: number; mac: string } | null {
    const m = /^e1\.(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{24})$/.exec(token.trim());
    return m ? { report: Number(m[1]), window: Number(m[2]), mac: m[3] as string } : null;
  }

  /**
   * Checks six digits or a token against the report it must prove: `ok`, `expired` (right for a recent
   * window, within the last hour, but no longer accepted) or `invalid`.
   */
  check(s: EscortSubject, presented: { code?: string; token?: string }, now: number): 'ok' | 'expired' | 'invalid' {
    const w = this.windowOf(now);
    const accepted = (window: number) => window === w || window === w - 1;
    if (presented.token !== undefined) {
      const t = this.parseToken(presented.token);
      if (!t || t.report !== s.report || t.window > w) return 'invalid';
      const expected = this.mac(s, t.window).subarray(0, 18);
      const given = Buffer.from(t.mac, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return accepted(t.window) ? 'ok' : 'expired';
    }
    const code = presented.code ?? '';
    const same = (window: number) => timingSafeEqual(Buffer.from(this.code(s, window)), Buffer.from(code.padEnd(6, ' ').slice(0, 6)));
    if (same(w) || same(w - 1)) return 'ok';
    for (let back = 2; back <= 12; back++) if (same(w - back)) return 'expired';
    return 'invalid';
  }
}
