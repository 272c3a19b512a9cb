// A consultant picker fed by the staff the app knows (today's board, names learnt from answers).
import { Select } from 'antd';
import { useStaffNames } from '../shared/staff-names.context.tsx';

export function StaffSelect({
  ids,
  value,
  onChange,
  placeholder,
  testId,
  allowClear,
}: {
  readonly ids: readonly string[];
  readonly value?: string | null;
  readonly onChange?: (id: string) => void;
  readonly placeholder?: string;
  readonly testId?: string;
  readonly allowClear?: boolean;
}) {
  const { nameOf } = useStaffNames();
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={onChange}
      placeholder={placeholder}
      options={ids.map((id) => ({ value: id, label: nameOf(id) }))}
      data-testid={testId}
      style={{ minWidth: 160 }}
    />
  );
}
