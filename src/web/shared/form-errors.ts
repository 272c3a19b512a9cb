// Turns a refused write into field-level messages on an Ant Design form: validation issues name their
// field (`body.phone` → phone), a refused phone (REG-4) lands on the phone field; anything that names no
// field of the form becomes the form's own message. Text always comes from the catalogue.
import type { FormInstance } from 'antd';
import { isApiError } from '../api/api-error.ts';
import type { Translate } from '../i18n/translate.ts';
import { problemOf, type Problem } from './error-alert.component.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';

/** Refusal codes that are about one field whatever the endpoint: the first of these the form has. */
const FIELDS_OF_CODE: Readonly<Record<string, readonly string[]>> = { invalid_phone: ['phone', 'to'] };

const MESSAGE_OF_FIELD: Readonly<Record<string, MessageKey>> = { phone: 'check.phoneInvalid', to: 'check.phoneInvalid', name: 'check.nameRequired' };

function fieldName(path: string): string {
  return path.replace(/^(body|query|params)\./, '');
}

/**
 * Shows the error on the form's fields (`fields`: the names the form has) where it names one; returns
 * what the form itself must show, or null when every problem was shown on a field.
 */
export function showFormError(form: FormInstance, t: Translate, error: unknown, fields: readonly string[]): Problem {
  if (!isApiError(error)) return problemOf(error);
  const named = error.fields.map((f) => fieldName(f.field));
  const byCode = FIELDS_OF_CODE[error.code]?.find((f) => fields.includes(f));
  if (byCode) named.push(byCode);
  const shown = [...new Set(named.filter((n) => fields.includes(n)))];
  if (shown.length === 0) return problemOf(error);
  form.setFields(shown.map((name) => ({ name, errors: [t(MESSAGE_OF_FIELD[name] ?? 'check.invalid')] })));
  return named.every((n) => fields.includes(n)) ? null : problemOf(error);
}
