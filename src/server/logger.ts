// The server's structured log: pino, the logger Fastify itself uses, one JSON line per event. Every line
// passes through `maskPhones` (SEC-1: a phone number never reaches a log in full), and the cookie, CSRF and
// authorization headers are redacted. Level and destination come from the configuration: `silent` or a
// file keeps test output readable.
import pino, { type DestinationStream, type Logger } from 'pino';

export interface LogSettings {
  /** pino level: fatal, error, warn, info (default), debug, trace or silent. */
  readonly level: string;
  /** A file to append the log to; standard output when null. */
  readonly file: string | null;
}

/** Mainland mobile numbers (with or without +86, spaces or dashes): all but the first 3 and last 4 digits hidden. */
const PHONE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;

/** A number has 11 digits: a shorter text holds none (the request line's method, route pattern and message). */
const SHORTEST_PHONE = 11;

export function maskPhones(text: string): string {
  if (text.length < SHORTEST_PHONE) return text;
  return text.replace(PHONE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

/**
 * Any value with every string in it masked (objects and arrays walked; errors by their message and stack). An
 * object or array with nothing to mask comes back as it is, not copied: each request's log line is one (issue 13).
 */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhones(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskPhones(value.message), stack: maskPhones(value.stack ?? '') };
  if (Array.isArray(value)) {
    const masked = value.map((v) => maskDeep(v, depth + 1));
    return masked.some((v, i) => v !== value[i]) ? masked : value;
  }
  let copy: Record<string, unknown> | null = null;
  const entries = Object.entries(value);
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i] as [string, unknown];
    const masked = maskDeep(v, depth + 1);
    if (masked === v && copy === null) continue;
    copy ??= Object.fromEntries(entries.slice(0, i));
    copy[k] = masked;
  }
  return copy ?? value;
}

/**
 * The log file (or standard output) as pino writes it, each line handed over as bytes. In its text mode
 * sonic-boom measures the text it is still holding in bytes at every line, which copies it whole while a
 * write is in flight: under load (6,000 requests a second, each with its line) that was ≈ 6 KB allocated and
 * copied per request (issue 13). As bytes it keeps a list and joins it once per write.
 */
function lineDestination(boom: ReturnType<typeof pino.destination>): DestinationStream {
  return {
    write: (line: string) => boom.write(Buffer.from(line) as unknown as string),
    flush: (cb?: (err?: Error) => void) => boom.flush(cb),
    flushSync: () => boom.flushSync(),
    end: () => boom.end(),
  } as DestinationStream;
}

/** `to` replaces the configured destination (the tests read the lines back). */
export function createLogger(settings: LogSettings, to?: DestinationStream): Logger {
  return pino(
    {
      level: settings.level,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'headers.cookie'], censor: '[redacted]' },
      // The message as well as the fields: a message built from a customer's number is masked too.
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => maskDeep(a)) as Parameters<typeof method>);
        },
      },
    },
    to ?? lineDestination(settings.file === null ? pino.destination({ dest: 1, contentMode: 'buffer' }) : pino.destination({ dest: settings.file, append: true, mkdir: true, sync: false, contentMode: 'buffer' })),
  );
}
