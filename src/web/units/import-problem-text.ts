// A problem of the unit import (a bad row's, a mapping's, or the file's own) as a sentence in the reader's
// language, from its code and params — never the server's English `text`. Field names in params read as
// the field's name (楼栋, 房号); a code the catalogue does not know yet still reads as a sentence.
import { isApiError } from '../api/api-error.ts';
import { hasMessage, type Params, type Translate } from '../i18n/translate.ts';

export interface ImportProblem {
  readonly code: string;
  readonly field: string | null;
  readonly params: Readonly<Record<string, string | number | null>>;
}

const FIELD_PARAMS = new Set(['field', 'other']);

export function fieldName(t: Translate, field: string | null): string {
  if (field === null) return t('import.wholeRow');
  const key = `unitField.${field}`;
  return hasMessage(key) ? t(key) : field;
}

export function problemText(t: Translate, p: ImportProblem): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(p.params)) params[name] = value === null ? '' : FIELD_PARAMS.has(name) && typeof value === 'string' ? fieldName(t, value) : value;
  const key = `importProblem.${p.code}`;
  if (hasMessage(key)) return t(key, params as Params).replace(/\{\w+\}/g, '');
  return t('importProblem.other', { column: String(p.params.column ?? fieldName(t, p.field)) });
}

/** The reader's code of a file the server could not read (`issues[].code` on `contentBase64`), if that is what failed. */
export function unreadableCode(error: unknown): string | null {
  if (!isApiError(error)) return null;
  const code = error.fields.find((f) => f.field.endsWith('contentBase64'))?.code;
  return code && hasMessage(`import.read.${code}`) ? code : null;
}
