// A follow-up's B级卡 content in words (issue 16.2): what was said, the intent, the next step and its day —
// one line, for the customer timeline and the dispute dossier alike.
import type { FollowUpNoteView } from '../../contracts/index.ts';
import type { Translate } from '../i18n/translate.ts';

const INTENTS = ['A', 'B', 'C', 'D'] as const;
type Intent = FollowUpNoteView['intent'] & string;

/** The note as one line, or '' when the follow-up recorded none. */
export function followUpNoteText(note: Readonly<Record<string, unknown>> | null | undefined, t: Translate): string {
  if (!note) return '';
  const parts: string[] = [];
  if (typeof note.said === 'string' && note.said) parts.push(t('fu.note', { said: note.said }));
  if (typeof note.intent === 'string' && (INTENTS as readonly string[]).includes(note.intent)) parts.push(t('fu.intentNote', { intent: t(`intent.${note.intent as Intent}`) }));
  if (typeof note.next === 'string' && note.next) {
    const on = typeof note.nextOn === 'string' && note.nextOn ? t('fu.nextOnNote', { on: note.nextOn }) : '';
    parts.push(`${t('fu.nextNote', { next: note.next })}${on}`);
  }
  return parts.join(' · ');
}
