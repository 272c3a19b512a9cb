// 更正登记 (REG-6): an entry is never edited; the correction is a new entry that supersedes it, both visible.
// The form opens filled with the entry as it was; what is sent is the whole corrected entry.
import { App, Button, Modal } from 'antd';
import { useState } from 'react';
import type { RecordedFact } from '../../contracts/index.ts';
import { RegistrationForm, type RegistrationValues } from '../customers/registration-form.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useCan } from '../session/use-can.ts';

export function CorrectEntry({ fact, superseded, consultants, onDone }: { readonly fact: RecordedFact; readonly superseded: boolean; readonly consultants: readonly string[]; readonly onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [open, setOpen] = useState(false);
  if (fact.type !== 'registered' || superseded || !can('register')) return null;
  const f = fact as RecordedFact & Partial<Record<'phone' | 'name' | 'needs' | 'plate' | 'for' | 'by', string>> & { gender?: 'M' | 'F'; via?: 'visit' | 'call' };
  const preset: Partial<RegistrationValues> = {
    corrects: fact.seq,
    via: f.via ?? 'visit',
    ...(f.phone ? { phone: f.phone } : { noPhone: true }),
    ...(f.name ? { name: f.name } : {}),
    ...(f.gender ? { gender: f.gender } : {}),
    ...(f.needs ? { needs: f.needs } : {}),
    ...(f.plate ? { plate: f.plate } : {}),
    for: f.for ?? f.by ?? '',
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`correct-${fact.seq}`} data-action="register">
        {t('hyg.correct')}
      </Button>
      <Modal open={open} title={t('hyg.correctTitle', { entry: fact.seq })} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={720}>
        <RegistrationForm
          title={t('hyg.correctTitle', { entry: fact.seq })}
          consultants={consultants}
          preset={preset}
          onRegistered={() => {
            setOpen(false);
            void message.success(t('hyg.corrected'));
            onDone();
          }}
        />
      </Modal>
    </>
  );
}
