// The order stages in their one direction (DEAL-2): 小定 → 大定 → 认购 → 签约 → 全款. A stage may be
// skipped, never repeated or undone, so an order can only move to a stage after its own.
import type { DealStage } from '../../contracts/index.ts';

export const STAGES = ['smallDeposit', 'deposit', 'subscription', 'contract', 'fullPayment'] as const satisfies readonly DealStage[];

// Checked both ways: a stage the contract adds and this list misses does not compile.
const _every: readonly (typeof STAGES)[number][] = [] as DealStage[];
void _every;

/** The stages an order at `stage` may move to. */
export function nextStages(stage: DealStage): readonly DealStage[] {
  return STAGES.slice(STAGES.indexOf(stage) + 1);
}

/** Tag colours from a first deposit (light) to full payment (strong). */
export const STAGE_COLOURS: Readonly<Record<DealStage, string>> = {
  smallDeposit: 'cyan',
  deposit: 'blue',
  subscription: 'geekblue',
  contract: 'purple',
  fullPayment: 'magenta',
};
