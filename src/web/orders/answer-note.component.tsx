// What the office answered a money-side command: a headline, the credit it gives now (names and
// percentages, 团奖 for the pool) and the reasons (OWN-15), closable.
import { Alert, Space } from 'antd';
import type { Answer } from '../../contracts/index.ts';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { CreditLine } from './credit-line.component.tsx';

export interface Answered {
  readonly title: string;
  readonly answer: Answer;
  readonly ok: boolean;
}

export function AnswerNote({ answered, onClose, testId }: { readonly answered: Answered | null; readonly onClose: () => void; readonly testId?: string }) {
  if (!answered) return null;
  const { answer } = answered;
  return (
    <Alert
      type={answered.ok ? 'success' : 'warning'}
      showIcon
      closable={{ onClose }}
      title={answered.title}
      data-testid={testId}
      data-ok={answered.ok}
      description={
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          {answer.credit && <CreditLine credit={answer.credit} testId={testId ? `${testId}-credit` : undefined} />}
          <ReasonList reasons={answer.reasons} />
        </Space>
      }
    />
  );
}
