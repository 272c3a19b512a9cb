// An SSE connection for the tests on a real socket: parses the events as they arrive and lets a test wait for one.
import { request, type IncomingMessage } from 'node:http';
import { p, type Agent } from './api-harness.ts';

export interface SseEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** An open SSE connection that parses what arrives and lets a test wait for an event. */
export class SseClient {
  readonly events: SseEvent[] = [];
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];

  constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.buffer += chunk;
      let cut: number;
      while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, cut);
        this.buffer = this.buffer.slice(cut + 2);
        const event: Record<string, string> = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) event.comment = line.slice(1).trim();
          else {
            const i = line.indexOf(':');
            if (i > 0) event[line.slice(0, i)] = line.slice(i + 1).trimStart();
          }
        }
        this.events.push(event);
      }
      this.wake();
    });
    response.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  async waitFor(test: (e: SseEvent) => boolean, timeoutMs: number): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(test);
      if (found) return found;
      if (this.ended) throw new Error('stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no such event within ${timeoutMs} ms; got ${JSON.stringify(this.events).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitForEnd(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (!this.ended) throw new Error('stream still open');
  }

  close(): void {
    this.response.destroy();
  }
}

/** Opens the project's stream as `agent` on 127.0.0.1:`port`, optionally resuming after `lastEventId`. */
export function connectStream(port: number, agent: Agent, lastEventId?: number): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: p('/stream'), headers: { cookie: `anchang_session=${agent.token}`, accept: 'text/event-stream', ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}) } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`stream answered ${res.statusCode}`));
        resolve(new SseClient(res));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** tv-pairing: opens the project's stream with any cookie (a paired display's), answering its status when not 200. */
export function connectStreamWithCookie(port: number, cookie: string): Promise<SseClient | number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: p('/stream'), headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(res.statusCode ?? 0);
      } else resolve(new SseClient(res));
    });
    req.on('error', reject);
    req.end();
  });
}
