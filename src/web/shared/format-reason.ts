// OWN-15 in the reader's language: a Reason {rule, code, text, params} becomes a sentence from the
// catalogue (`reason.<code>`), with staff ids as names and values (contact channel, absence, relation,
// stage, instants, missing fields) translated. A code the catalogue does not know yet reads as
// `reason.unknown`: the server's English text in English, "by rule X" in zh-CN (never English there).
import type { Reason } from '../../contracts/index.ts';
import { hasMessage, type Params, type Translate } from '../i18n/translate.ts';
import { dateTime } from './format-time.ts';

const STAFF_PARAMS = new Set(['owner', 'who', 'closer', 'original', 'later', 'by', 'receiver', 'named', 'designee', 'unit', 'broker', 'first', 'second', 'earlier', 'former', 'referrer', 'claimant', 'to', 'last']);
const TIME_PARAMS = new Set(['at', 'deadline', 'lastContact', 'assignedAt', 'frozenAt']);
/** Param → catalogue prefix for values that are codes. */
const CODE_PARAMS: Readonly<Record<string, string>> = { via: 'contact', why: 'seat', relation: 'relation', stage: 'stage', asked: 'stage', sanction: 'violation.kind' };

export interface ReasonFormat {
  readonly t: Translate;
  readonly nameOf: (id: string) => string;
  /** The project's zone, for instants among the params. */
  readonly zone: string;
}

function translated(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
}

function paramsFor(reason: Reason, f: ReasonFormat): Params {
  const out: Record<string, string | number | null> = {};
  for (const [name, value] of Object.entries(reason.params ?? {})) {
    if (value === null) out[name] = f.t('common.nobody');
    else if (STAFF_PARAMS.has(name) && typeof value === 'string') out[name] = f.nameOf(value);
    else if (TIME_PARAMS.has(name) && typeof value === 'number') out[name] = dateTime(value, f.zone);
    else if (name in CODE_PARAMS && typeof value === 'string') out[name] = translated(f.t, CODE_PARAMS[name] as string, value);
    else if (name === 'missing' && typeof value === 'string') out[name] = value.split(',').map((field) => translated(f.t, 'field', field.trim())).join('、');
    else out[name] = value;
  }
  return out;
}

export function reasonText(reason: Reason, f: ReasonFormat): string {
  const key = `reason.${reason.code}`;
  if (!hasMessage(key)) return f.t('reason.unknown', { rule: reason.rule, text: reason.text });
  // A placeholder the server did not fill reads as "unknown", never as "{owner}".
  return f.t(key, paramsFor(reason, f)).replace(/\{\w+\}/g, f.t('common.unknown'));
}
