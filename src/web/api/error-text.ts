// Any failure as a sentence for the page: the API's code translated, never the server's raw message.
import { hasMessage, type Translate } from '../i18n/translate.ts';
import { isApiError } from './api-error.ts';

export function errorText(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('error.unknown', { code: 'client' });
  const key = `error.${error.code}`;
  return hasMessage(key) ? t(key) : t('error.unknown', { code: error.code });
}
