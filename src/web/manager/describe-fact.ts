// One recorded fact of a customer's timeline in words: what happened and who did it.
import type { RecordedFact } from '../../contracts/index.ts';
import { followUpNoteText } from '../customers/follow-up-note.ts';
import { hasMessage, type Translate } from '../i18n/translate.ts';

export interface FactWords {
  readonly label: string;
  readonly detail: string;
}

function str(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function code(t: Translate, prefix: string, value: unknown): string {
  const key = `${prefix}.${str(value)}`;
  return hasMessage(key) ? t(key) : str(value);
}

/** `wallTime`: the project's wall time of an instant (an imported entry's original time, issue 11.4). */
export function describeFact(f: RecordedFact, t: Translate, nameOf: (id: string) => string, wallTime?: (at: number) => string): FactWords {
  const labelKey = `fact.${f.type}`;
  const label = hasMessage(labelKey) ? t(labelKey) : t('fact.other');
  const name = (v: unknown) => (typeof v === 'string' ? nameOf(v) : t('common.nobody'));
  const reception = (f.reception ?? {}) as { receiver?: unknown; as?: unknown };
  const params: Record<string, string> = {
    by: name(f.by),
    to: f.type === 'reassigned' ? name(f.to) : str(f.to),
    receiver: name(reception.receiver),
    as: code(t, 'receiveAs', reception.as),
    via: f.type === 'registered' ? code(t, 'via', f.via) : code(t, 'contact', f.via),
    valid: t(f.valid === false ? 'fact.invalid' : 'fact.valid'),
    reached: t(f.reached === true ? 'fact.reached' : 'fact.notReached'),
    accepted: t(f.accepted === false ? 'fact.rejected' : 'fact.accepted'),
    relation: code(t, 'relation', f.relation),
    stage: code(t, 'stage', f.stage),
    phone: str(f.phone),
    into: str(f.into),
    unit: str(f.unit),
    broker: typeof f.broker === 'string' ? nameOf(f.broker) : '',
    reason: str(f.reason) || '—',
  };
  const detailKey = `fact.detail.${f.type}`;
  const detail = hasMessage(detailKey) ? t(detailKey, params) : '';
  // A follow-up's B级卡 content follows what happened (issue 16.2).
  const note = f.type === 'followedUp' ? followUpNoteText(f, t) : '';
  // register-import (issue 11.4): a paper-era entry says when it happened and who approved bringing it in.
  const mark = f.imported as { at?: unknown; approvedBy?: unknown } | undefined;
  const imported = mark && typeof mark.at === 'number' ? t('regImport.timelineMark', { at: wallTime ? wallTime(mark.at) : new Date(mark.at).toISOString(), by: name(mark.approvedBy) }) : '';
  const words = [detail, note, imported].filter((w) => w !== '').join('；');
  return { label, detail: words };
}
