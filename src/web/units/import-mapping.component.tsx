// The import's column mapping: one select per field (building and room required), each offering the
// sheet's columns by letter and header, and whether bare prices are in 元 or 万元. The server suggested
// it from the headers; every change is checked again by a new dry run.
import { Alert, Form, Radio, Select, Space, Typography } from 'antd';
import type { ColumnMappingInput } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { fieldName, problemText, type ImportProblem } from './import-problem-text.ts';
import { columnLetter, MAPPED_FIELDS, NONE, remapped, REQUIRED } from './import-mapping.ts';

interface Props {
  readonly headers: readonly string[];
  readonly mapping: ColumnMappingInput;
  readonly problems: readonly ImportProblem[];
  readonly disabled: boolean;
  readonly onChange: (mapping: ColumnMappingInput) => void;
}

export function ImportMapping({ headers, mapping, problems, disabled, onChange }: Props) {
  const { t } = useI18n();
  const options = [{ value: NONE, label: t('import.noColumn') }, ...headers.map((h, i) => ({ value: i, label: `${columnLetter(i)} · ${h || '—'}` }))];
  return (
    <div data-testid="import-mapping">
      <Typography.Paragraph type="secondary">{t('import.mappingHint')}</Typography.Paragraph>
      {problems.length > 0 && (
        <Alert type="error" showIcon className="form-alert" data-testid="import-mapping-problems" title={problems.map((p) => problemText(t, p)).join('；')} />
      )}
      <Form layout="vertical" size="small" disabled={disabled}>
        <Space wrap align="start">
          {MAPPED_FIELDS.map((f) => (
            <Form.Item key={f} label={REQUIRED.has(f) ? `${fieldName(t, f)}（${t('import.required')}）` : fieldName(t, f)} required={REQUIRED.has(f)}>
              <Select style={{ width: 170 }} value={mapping.columns[f] ?? NONE} options={options} onChange={(v: number) => onChange(remapped(mapping, f, v))} data-testid={`import-map-${f}`} />
            </Form.Item>
          ))}
          <Form.Item label={t('import.priceUnit')}>
            <Radio.Group
              value={mapping.priceUnit}
              onChange={(e) => onChange({ ...mapping, priceUnit: e.target.value as ColumnMappingInput['priceUnit'] })}
              options={[
                { value: 'yuan', label: t('import.priceYuan') },
                { value: 'wan', label: t('import.priceWan') },
              ]}
              optionType="button"
              data-testid="import-price-unit"
            />
          </Form.Item>
        </Space>
      </Form>
    </div>
  );
}
