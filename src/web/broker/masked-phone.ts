// The number a broker reports under CH-8: the full number, or masked 前三后四 (138****5678) / 前四后三
// (1380****678) as the project's `channel.reportNumber` asks. Pure, so the form and its test share it.
import type { ReportNumberStyle } from '../../contracts/index.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { phoneProblem } from '../shared/phone-check.ts';

/** The office's CH-8 style, as GET /channel/my-application answers it. */
export type ReportNumber = ReportNumberStyle;

/** How many digits are shown before and after the mask. */
export const MASK_SHAPE: Readonly<Record<Exclude<ReportNumber, 'full'>, { readonly head: number; readonly tail: number }>> = {
  first3last4: { head: 3, tail: 4 },
  first4last3: { head: 4, tail: 3 },
};

/** 11-digit mainland mobile numbers: the mask hides the middle four. */
const MOBILE_LENGTH = 11;

export function maskedNumber(mode: Exclude<ReportNumber, 'full'>, head: string, tail: string): string {
  const shape = MASK_SHAPE[mode];
  return `${head}${'*'.repeat(MOBILE_LENGTH - shape.head - shape.tail)}${tail}`;
}

/** What is wrong with the digits typed into one part of a masked number, or null. */
export function maskPartProblem(value: string | undefined, length: number): MessageKey | null {
  const v = (value ?? '').trim();
  if (v === '') return 'check.phoneRequired';
  return new RegExp(`^\\d{${length}}$`).test(v) ? null : 'broker.maskDigits';
}

/** The full number's problem, as the server would judge it (REG-4). */
export function fullNumberProblem(value: string | undefined): MessageKey | null {
  const p = phoneProblem(value, true);
  return p === 'required' ? 'check.phoneRequired' : p === 'invalid' ? 'check.phoneInvalid' : null;
}
