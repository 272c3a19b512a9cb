// Parties received by ground (ROT-2, ROT-7, ROT-10, ROT-11, ROT-12) in words: 轮排接待 3　补接 1　…
import type { ReceivedAs } from '../../contracts/index.ts';
import type { Translate } from '../i18n/translate.ts';

const GROUNDS = ['turn', 'makeUp', 'owner', 'designated', 'cover'] as const;

export function receivedBreakdown(t: Translate, received: Readonly<Record<ReceivedAs, number>>): string {
  return GROUNDS.map((as) => `${t(`receiveAs.${as}`)} ${received[as]}`).join('　');
}
