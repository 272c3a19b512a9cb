// 标记假客 (CH-7): on a broker-brought arrival in a customer's timeline, the manager marks a fake customer
// (or a pure gift collector) with a reason; it is recorded against the broker, and the party gets no slip.
import { App, Button, Modal } from 'antd';
import { useState } from 'react';
import type { RecordedFact } from '../../contracts/index.ts';
import { ReasonCommandForm } from '../channel/reason-command-form.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

export function MarkFake({ fact, onDone }: { readonly fact: RecordedFact; readonly onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { role } = useProject();
  const { nameOf } = useStaffNames();
  const [open, setOpen] = useState(false);
  const broker = typeof fact['broker'] === 'string' ? fact['broker'] : null;
  if (fact.type !== 'partyArrived' || broker === null || role !== 'manager') return null;
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid={`mark-fake-${fact.seq}`}>
        {t('fake.mark')}
      </Button>
      <Modal open={open} title={t('fake.title', { broker: nameOf(broker) })} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <ReasonCommandForm
          name="markFake"
          testId="fake-form"
          danger
          submitLabel={t('fake.mark')}
          body={(reason) => ({ arrival: fact.seq, reason })}
          onDone={() => {
            setOpen(false);
            void message.success(t('fake.marked'));
            onDone();
          }}
        />
      </Modal>
    </>
  );
}
