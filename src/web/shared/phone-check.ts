// The client's phone check mirrors the server's (REG-4): the same normalisePhone, so +86, 0086, spaces and
// dashes are accepted and a wrong length or impossible prefix is refused before the request is sent.
import { normalisePhone } from '../../core/phone.ts';

export type PhoneProblem = 'required' | 'invalid';

export function phoneProblem(input: string | undefined, required: boolean): PhoneProblem | null {
  const text = input?.trim() ?? '';
  if (text === '') return required ? 'required' : null;
  return normalisePhone(text) === null ? 'invalid' : null;
}

export { normalisePhone };
