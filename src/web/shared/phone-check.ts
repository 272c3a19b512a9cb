// The client's phone check mirrors the server's (REG-4): +86, 0086, spaces and dashes are accepted and a wrong
// length or impossible prefix is refused before the request is sent. A mainland mobile is checked at once with
// the same pattern the server uses (core/mainland-mobile.ts). Anything else needs the phone library, which is
// a quarter of a screen's first load: it is fetched the first time such a number is typed, and until it has
// arrived a number of 7–15 digits passes (the server still refuses a wrong one, with the same message).
import { mainlandMobile } from '../../core/mainland-mobile.ts';

export type PhoneProblem = 'required' | 'invalid';

let parser: ((input: string) => string | null) | null = null;
let loading: Promise<void> | null = null;

/** Fetches the full check (the phone library); resolves once `phoneProblem` uses it. */
export function loadPhoneParser(): Promise<void> {
  loading ??= import('../../core/phone.ts').then(
    (m) => void (parser = m.normalisePhone),
    () => void (loading = null), // offline for a moment: the next number typed tries again
  );
  return loading;
}

function plausible(input: string): boolean {
  if (/[^\d\s+\-().]/.test(input)) return false;
  const digits = input.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15;
}

export function phoneProblem(input: string | undefined, required: boolean): PhoneProblem | null {
  const text = input?.trim() ?? '';
  if (text === '') return required ? 'required' : null;
  if (mainlandMobile(text) !== null) return null;
  if (parser) return parser(text) === null ? 'invalid' : null;
  void loadPhoneParser();
  return plausible(text) ? null : 'invalid';
}
