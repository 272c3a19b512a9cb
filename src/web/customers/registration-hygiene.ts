// The register entry's own marks as the form holds them (issue 12.2) and as the `register` command takes them:
// a correction (REG-6), a late entry's visit time (REG-5), an outreach site with its SMS time (REG-10), a
// visitor without a phone and how they looked (REG-7), the referrer (REG-11).
import type { RegisterInput } from '../api/api-client.ts';
import { localInstant } from '../shared/local-instant.ts';

export interface HygieneValues {
  /** REG-6: the entry this one corrects. */
  corrects?: number;
  /** REG-7: the visitor gives no phone. */
  noPhone?: boolean;
  appearance?: string;
  /** REG-5: the visit was on an earlier day; the wall time of the visit. */
  late?: boolean;
  visitedAt?: string;
  /** REG-10: registered at a stand (展点) or canvassing (外拓), with the time the proof SMS went out. */
  outreachSite?: 'stand' | 'canvass';
  smsAt?: string;
  /** REG-11, OWN-8: the old customer who introduced them. */
  referrer?: string;
}

export const HYGIENE_FIELDS = ['corrects', 'appearance', 'visitedAt', 'outreach', 'smsAt', 'referrer'];

type HygieneBody = Pick<RegisterInput, 'corrects' | 'appearance' | 'visitedAt' | 'outreach' | 'referrer'>;

/** The command's fields from the form's; times typed are read in the project's zone. */
export function hygieneBody(v: HygieneValues, zone: string): HygieneBody {
  const visitedAt = v.late && v.visitedAt ? localInstant(v.visitedAt, zone) : null;
  const smsAt = v.outreachSite && v.smsAt ? localInstant(v.smsAt, zone) : null;
  return {
    ...(v.corrects !== undefined ? { corrects: v.corrects } : {}),
    ...(v.noPhone && v.appearance?.trim() ? { appearance: v.appearance.trim() } : {}),
    ...(visitedAt !== null ? { visitedAt } : {}),
    ...(v.outreachSite ? { outreach: { site: v.outreachSite, ...(smsAt !== null ? { smsAt } : {}) } } : {}),
    ...(v.referrer?.trim() ? { referrer: v.referrer.trim() } : {}),
  };
}

/** The form's own flags are not fields of the command. */
export function withoutHygiene<T extends HygieneValues>(v: T): Omit<T, keyof HygieneValues> {
  const { corrects: _c, noPhone: _n, appearance: _a, late: _l, visitedAt: _v, outreachSite: _o, smsAt: _s, referrer: _r, ...rest } = v;
  return rest;
}
