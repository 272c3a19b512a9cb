// Reasons as a list: the rule id as a tag, then the sentence (OWN-15).
import { Tag, Typography } from 'antd';
import type { Reason } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { reasonText } from './format-reason.ts';
import { useProjectTime } from './project-time.ts';
import { useStaffNames } from './staff-names.context.tsx';

export function useReasonText(): (reason: Reason) => string {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const { zone } = useProjectTime();
  return (reason) => reasonText(reason, { t, nameOf, zone });
}

export function ReasonList({ reasons, testId }: { readonly reasons: readonly Reason[]; readonly testId?: string }) {
  const text = useReasonText();
  if (reasons.length === 0) return null;
  return (
    <ul className="reason-list" data-testid={testId}>
      {reasons.map((r, i) => (
        <li key={`${r.rule}-${r.code}-${i}`}>
          <Tag color="blue" className="rule-tag">
            {r.rule}
          </Tag>
          <Typography.Text>{text(r)}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
