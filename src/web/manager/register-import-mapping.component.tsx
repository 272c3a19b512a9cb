// 登记导入's column mapping: one select per register field (date, phone and consultant required), each offering
// the file's columns by letter and header, and the kind of a row that names none (a 来访登记表 holds visits).
// The office's last confirmed mapping (or the guess from the headers) comes filled in; a change runs the dry run again.
import { Form, Radio, Select, Space, Typography } from 'antd';
import { REGISTER_IMPORT_COLUMNS, type RegisterMappingInput } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { columnLetter } from '../units/import-mapping.ts';

const REQUIRED = new Set<string>(['date', 'phone', 'consultant']);
const NONE = -1;
type Column = (typeof REGISTER_IMPORT_COLUMNS)[number];

interface Props {
  readonly headers: readonly string[];
  readonly mapping: RegisterMappingInput;
  readonly from: 'request' | 'remembered' | 'suggested';
  readonly disabled: boolean;
  readonly onChange: (mapping: RegisterMappingInput) => void;
}

export function RegisterImportMapping({ headers, mapping, from, disabled, onChange }: Props) {
  const { t } = useI18n();
  const options = [{ value: NONE, label: t('regImport.noColumn') }, ...headers.map((h, i) => ({ value: i, label: `${columnLetter(i)} · ${h || '—'}` }))];
  const set = (field: Column, column: number) => {
    const columns: Partial<Record<Column, number>> = {};
    for (const [f, c] of Object.entries(mapping.columns) as [Column, number][]) if (f !== field && c !== column) columns[f] = c;
    if (column !== NONE) columns[field] = column;
    onChange({ ...mapping, columns });
  };
  return (
    <div data-testid="reg-import-mapping">
      <Typography.Paragraph type="secondary" data-testid="reg-import-mapping-from">
        {t(from === 'remembered' ? 'regImport.mappingRemembered' : 'regImport.mappingHint')}
      </Typography.Paragraph>
      <Form layout="vertical" size="small" disabled={disabled}>
        <Form.Item label={t('regImport.defaultKind')}>
          <Radio.Group
            value={mapping.kind}
            onChange={(e) => onChange({ ...mapping, kind: e.target.value as RegisterMappingInput['kind'] })}
            options={(['visit', 'call', 'followUp'] as const).map((k) => ({ value: k, label: t(`regImport.kind.${k}`) }))}
            optionType="button"
            data-testid="reg-import-kind"
          />
        </Form.Item>
        <Space wrap align="start">
          {REGISTER_IMPORT_COLUMNS.map((f) => (
            <Form.Item key={f} label={REQUIRED.has(f) ? `${t(`regImport.field.${f}`)}（${t('regImport.required')}）` : t(`regImport.field.${f}`)} required={REQUIRED.has(f)}>
              <Select style={{ width: 160 }} value={mapping.columns[f] ?? NONE} options={options} onChange={(v: number) => set(f, v)} data-testid={`reg-import-map-${f}`} />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </div>
  );
}
