// 选房: a searchable select of the units on sale now (status free on the 销控 grid), each with building,
// room, layout, area and list price; searching matches the unit id or any of those words.
import { Select } from 'antd';
import { getFreeUnits } from '../api/orders-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useLoad } from '../shared/use-load.ts';
import { unitLabel } from './unit-label.ts';

export function UnitPicker({ value, onChange, exclude, testId }: { readonly value?: string; readonly onChange?: (id: string) => void; readonly exclude?: string; readonly testId?: string }) {
  const { t } = useI18n();
  const { project } = useProject();
  const units = useLoad(() => getFreeUnits(project), [project]);
  const options = (units.data ?? []).filter((u) => u.id !== exclude).map((u) => ({ value: u.id, label: unitLabel(u), search: `${u.id} ${unitLabel(u)}`.toLowerCase() }));
  return (
    <>
      <Select<string>
        showSearch={{ filterOption: (input, option) => (option?.search ?? '').includes(input.trim().toLowerCase()) }}
        value={value}
        onChange={onChange}
        loading={units.loading}
        placeholder={t('ord.pickUnit')}
        notFoundContent={units.loading ? t('app.loading') : t('ord.noFreeUnit')}
        options={options}
        data-testid={testId}
        popupMatchSelectWidth
        virtual
      />
      <ErrorAlert problem={units.problem} />
    </>
  );
}
