// 按姓名判客 (REG-4): the desk judges by full name too. The server answers every customer registered under
// the name, masked as the desk may see them (SEC-1), each with whose they are and until when; the desk then
// confirms with the phone or the car plate.
import { Button, Input, Space } from 'antd';
import { Suspense, useState } from 'react';
import type { JudgeByName } from '../../contracts/index.ts';
import { judgeByName } from '../api/register-hygiene-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { lazyPart } from '../shared/lazy-part.ts';

// The namesakes' table (antd Table) is fetched with the first answer: most parties are judged by phone.
const NameCandidates = lazyPart(() => import('./name-candidates.component.tsx'), (m) => m.NameCandidates);

export function NameSearch() {
  const { t } = useI18n();
  const { project } = useProject();
  const [name, setName] = useState('');
  const [answer, setAnswer] = useState<JudgeByName | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const [busy, setBusy] = useState(false);
  const [tooShort, setTooShort] = useState(false);

  const search = async () => {
    const full = name.trim();
    if ([...full].length < 2) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    setBusy(true);
    setProblem(null);
    try {
      setAnswer(await judgeByName(project, full));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="name-search" data-testid="name-search">
      <Space.Compact block>
        <Input placeholder={t('hyg.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} onPressEnter={() => void search()} data-testid="name-search-input" status={tooShort ? 'error' : ''} />
        <Button onClick={() => void search()} loading={busy} data-testid="name-search-go">
          {t('hyg.nameSearch')}
        </Button>
      </Space.Compact>
      <div className="field-error" role="alert">
        {tooShort && t('hyg.nameTooShort')}
      </div>
      <ErrorAlert problem={problem} testId="name-search-error" />
      {answer && (
        <Suspense fallback={null}>
          <NameCandidates answer={answer} />
        </Suspense>
      )}
    </div>
  );
}
