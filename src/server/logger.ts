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

export function maskPhones(text: string): string {
  return text.replace(PHONE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

/** Any value with every string in it masked (objects and arrays walked; errors by their message and stack). */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhones(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskPhones(value.message), stack: maskPhones(value.stack ?? '') };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
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
    to ?? (settings.file === null ? pino.destination(1) : pino.destination({ dest: settings.file, append: true, mkdir: true, sync: false })),
  );
}
