// OWN-13: before an opening the manager may freeze the valid customer register (开盘前冻结有效客户登记册, 003 第一
// 部分 6). The register is recorded with the freeze: each customer with a protected owner then, and that owner.
// Disputes about a customer on the latest register frozen before the order follow it, whatever came after.
import type { StaffId } from './facts.ts';
import type { PhoneKey } from './phone.ts';
import { reason, type Reason } from './reasons.ts';
import type { Instant } from './time.ts';

export interface FrozenRegister {
  readonly seq: number;
  readonly at: Instant;
  readonly by: StaffId;
  readonly owners: ReadonlyMap<PhoneKey, StaffId>;
}

/** The register frozen last before `before` that lists one of `keys` (the customer's household), and its owner. */
export function frozenOwner(registers: readonly FrozenRegister[], keys: readonly PhoneKey[], before: Instant): { owner: StaffId; register: FrozenRegister; reason: Reason } | null {
  for (let i = registers.length - 1; i >= 0; i--) {
    const register = registers[i] as FrozenRegister;
    if (register.at >= before) continue;
    for (const key of keys) {
      const owner = register.owners.get(key);
      if (owner === undefined) continue;
      return {
        owner,
        register,
        reason: reason('OWN-13', 'frozenRegister', `the customer is ${owner}'s on the valid customer register ${register.by} froze before the order: the dispute follows it`, { owner, frozenAt: register.at, by: register.by }, { seq: register.seq, type: 'registerFrozen', at: register.at, by: register.by }),
      };
    }
    // A later register that does not list the customer replaces the earlier ones for them too.
    return null;
  }
  return null;
}
