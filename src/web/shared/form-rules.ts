// Form rules the workspaces share, worded from the catalogue.
import type { FormRule } from 'antd';
import type { Translate } from '../i18n/translate.ts';
import { phoneProblem } from './phone-check.ts';

/** REG-4: the same normalisation as the server; empty is refused only when `required`. */
export function phoneRule(t: Translate, required: boolean): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      const problem = phoneProblem(value, required);
      if (problem === 'required') throw new Error(t('check.phoneRequired'));
      if (problem === 'invalid') throw new Error(t('check.phoneInvalid'));
    },
  };
}
