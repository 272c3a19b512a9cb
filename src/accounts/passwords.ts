// Password hashing: argon2id (the library's default algorithm) in PHC strings, so each hash carries its
// own parameters and stronger settings later still verify old hashes.
import { hash, verify } from '@node-rs/argon2';

export interface HashCost {
  /** KiB per hash; OWASP's argon2id baseline is 19 MiB. */
  readonly memoryCost: number;
  readonly timeCost: number;
}

export const STANDARD_HASH_COST: HashCost = Object.freeze({ memoryCost: 19_456, timeCost: 2 });

export const MIN_PASSWORD_LENGTH = 8;
// The HTTP contract refuses longer ones before any hashing; one number for both.
export { MAX_PASSWORD_LENGTH } from '../contracts/session.contract.ts';

export function hashPassword(password: string, cost: HashCost = STANDARD_HASH_COST): Promise<string> {
  return hash(password, { memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

/** False for a wrong password and for a malformed stored hash: a broken row must not let anyone in. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

const dummies = new Map<string, Promise<string>>();

/**
 * A hash to verify against when the login is unknown, so that an unknown login costs as much time as a
 * wrong password and response times do not tell which logins exist.
 */
export function dummyHash(cost: HashCost = STANDARD_HASH_COST): Promise<string> {
  const key = `${cost.memoryCost}:${cost.timeCost}`;
  let dummy = dummies.get(key);
  if (!dummy) {
    dummy = hashPassword('not a password: timing equaliser', cost);
    dummies.set(key, dummy);
  }
  return dummy;
}
