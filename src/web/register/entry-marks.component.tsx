// What a register entry on the timeline says about itself (issue 12.2): it corrects entry #n or was corrected by
// #m (REG-6; both stay visible), it is a late entry (REG-5), an outreach entry and whether its SMS matched
// (REG-10), a household of a group (REG-9), a visitor without a phone (REG-7), or was introduced (REG-11).
import { Tag } from 'antd';
import type { RecordedFact } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';

export function EntryMarks({ fact, supersededBy }: { readonly fact: RecordedFact; readonly supersededBy: number | undefined }) {
  const { t } = useI18n();
  if (fact.type !== 'registered') return null;
  const f = fact as RecordedFact & { corrects?: number; late?: { visitedAt: number }; group?: number; outreach?: { proofMatches: boolean }; appearance?: string; referrer?: string; phone?: string };
  return (
    <span data-testid={`entry-marks-${fact.seq}`}>
      {f.corrects !== undefined && <Tag color="blue">{t('hyg.mark.corrects', { entry: f.corrects })}</Tag>}
      {supersededBy !== undefined && <Tag color="default">{t('hyg.mark.correctedBy', { entry: supersededBy })}</Tag>}
      {f.late && <Tag color="orange">{t('hyg.mark.late')}</Tag>}
      {f.outreach && <Tag color={f.outreach.proofMatches ? 'green' : 'red'}>{t(f.outreach.proofMatches ? 'hyg.mark.outreachOk' : 'hyg.mark.outreachBad')}</Tag>}
      {f.group !== undefined && <Tag>{t('hyg.mark.group', { arrival: f.group })}</Tag>}
      {f.phone === undefined && <Tag>{t('hyg.mark.noPhone')}</Tag>}
      {f.referrer !== undefined && <Tag>{t('hyg.mark.referred')}</Tag>}
    </span>
  );
}

/** Which entry corrected each entry (REG-6), from the records of one timeline. */
export function correctionsOf(records: readonly RecordedFact[]): Map<number, number> {
  const by = new Map<number, number>();
  for (const r of records) {
    const corrects = (r as { corrects?: unknown }).corrects;
    if (r.type === 'registered' && typeof corrects === 'number') by.set(corrects, r.seq);
  }
  return by;
}
