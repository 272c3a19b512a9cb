// Explanations (OWN-15): every answer names the rules that decided it and the records it relied on.
import type { Instant } from './time.ts';

export type RuleId = `${'ROT' | 'REG' | 'OWN' | 'CH' | 'DEAL' | 'SEC' | 'PEN' | 'RISK' | 'REP'}-${number}`;

/** A pointer to the recorded fact a decision relied on. */
export interface RecordRef {
  readonly seq: number;
  readonly type: string;
  readonly at: Instant;
  readonly by?: string;
}

export interface Reason {
  readonly rule: RuleId;
  /** Plain-words statement of why, in English; `code` + `params` let a UI say it in zh-CN. */
  readonly text: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number | null>>;
  readonly record?: RecordRef;
}

export function reason(rule: RuleId, code: string, text: string, params?: Reason['params'], record?: RecordRef): Reason {
  return { rule, code, text, ...(params ? { params } : {}), ...(record ? { record } : {}) };
}

export function ruleIds(reasons: readonly Reason[]): RuleId[] {
  return [...new Set(reasons.map((r) => r.rule))];
}
