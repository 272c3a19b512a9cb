// One knob of the policy as a form control, chosen by its kind: radio buttons for a choice, checkboxes for
// several, a switch, a number (with 不设 / 不限 where the knob allows it), a list of numbers, duty windows,
// or the two shares of a split (editing one sets the other, so they always make 100%).
import { Button, Checkbox, Input, InputNumber, Radio, Select, Space, Switch, Tag } from 'antd';
import type { PolicyKnob } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { percent, type Locale } from './policy-form.ts';

interface KnobInputProps {
  readonly knob: PolicyKnob;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  readonly disabled: boolean;
  readonly invalid: boolean;
}

const SHARE_STEP = 0.05;

function clean(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function KnobInput({ knob, value, onChange, disabled, invalid }: KnobInputProps) {
  const { t, locale } = useI18n();
  const word = (v: string) => knob.labels[v]?.[locale as Locale] ?? v;
  const status = invalid ? 'error' : undefined;
  const testId = `knob-${knob.path}`;
  const numberProps = {
    ...(knob.bounds.min !== undefined && !knob.bounds.exclusiveMin ? { min: knob.bounds.min } : {}),
    ...(knob.bounds.max !== undefined ? { max: knob.bounds.max } : {}),
    step: knob.bounds.integer ? 1 : knob.bounds.max === 1 ? SHARE_STEP : 1,
    status,
    disabled,
  } as const;
  // A nullable knob: 不设 (or 全天 for duty windows) switches the value off; switching it on starts from the standard.
  const none =
    knob.nullable && knob.kind !== 'windows' ? (
      <Checkbox checked={value === null} disabled={disabled} onChange={(e) => onChange(e.target.checked ? null : (knob.standard ?? knob.bounds.min ?? 1))} data-testid={`${testId}-none`}>
        {t('policy.none')}
      </Checkbox>
    ) : null;

  switch (knob.kind) {
    case 'enum':
      return (
        <Radio.Group optionType="button" buttonStyle="solid" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          {(knob.values ?? []).map((v) => (
            <Radio.Button key={v} value={v}>
              {word(v)}
            </Radio.Button>
          ))}
        </Radio.Group>
      );
    case 'fixed':
      return <Tag data-testid={testId}>{word(String(value))}</Tag>;
    case 'enumSet':
      return (
        <Checkbox.Group
          value={Array.isArray(value) ? (value as string[]) : []}
          disabled={disabled}
          // Keep the schema's order, whatever order the boxes were ticked in.
          onChange={(checked) => onChange((knob.values ?? []).filter((v) => checked.includes(v)))}
          options={(knob.values ?? []).map((v) => ({ value: v, label: word(v) }))}
          data-testid={testId}
        />
      );
    case 'boolean':
      return <Switch checked={value === true} disabled={disabled} onChange={onChange} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} data-testid={testId} />;
    case 'number':
      return (
        <Space>
          <InputNumber {...numberProps} value={typeof value === 'number' ? value : null} disabled={disabled || value === null} onChange={(n) => onChange(n)} data-testid={testId} style={{ width: 120 }} />
          {none}
        </Space>
      );
    case 'numberOrWord': {
      const wordValue = knob.values?.[0] ?? 'unlimited';
      return (
        <Space>
          <InputNumber {...numberProps} value={typeof value === 'number' ? value : null} disabled={disabled || value === wordValue} onChange={(n) => onChange(n)} data-testid={testId} style={{ width: 120 }} />
          <Checkbox checked={value === wordValue} disabled={disabled} onChange={(e) => onChange(e.target.checked ? wordValue : (knob.standard ?? 1))} data-testid={`${testId}-word`}>
            {word(wordValue)}
          </Checkbox>
        </Space>
      );
    }
    case 'textList':
      // The office's own options: type a word and Enter (or a comma) to add it, × to remove it.
      return (
        <Select
          mode="tags"
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(v: string[]) => onChange(v.map((x) => x.trim()).filter((x) => x !== ''))}
          tokenSeparators={[',', '，', '、']}
          open={false}
          status={status}
          disabled={disabled}
          style={{ minWidth: 320 }}
          placeholder={t('policy.optionsHint')}
          data-testid={testId}
        />
      );
    case 'clock':
      return <Input value={typeof value === 'string' ? value : ''} placeholder="21:00" status={status} disabled={disabled} onChange={(e) => onChange(e.target.value.trim())} style={{ width: 90 }} data-testid={testId} aria-label={knob.path} />;
    case 'numberList': {
      const list = Array.isArray(value) ? (value as (number | null)[]) : [];
      return (
        <Space wrap data-testid={testId}>
          {list.map((n, i) => (
            <Space.Compact key={i}>
              <InputNumber {...numberProps} value={n} onChange={(x) => onChange(list.map((y, j) => (j === i ? x : y)))} aria-label={`${knob.path}[${i}]`} style={{ width: 90 }} />
              <Button disabled={disabled} onClick={() => onChange(list.filter((_, j) => j !== i))} aria-label={t('policy.remove')}>
                −
              </Button>
            </Space.Compact>
          ))}
          <Button disabled={disabled} onClick={() => onChange([...list, list.at(-1) ?? knob.bounds.min ?? 1])}>
            {t('policy.addValue')}
          </Button>
        </Space>
      );
    }
    case 'windows': {
      const windows = Array.isArray(value) ? (value as [string, string][]) : null;
      const set = (i: number, side: 0 | 1, text: string) => onChange((windows ?? []).map((w, j) => (j === i ? (side === 0 ? [text, w[1]] : [w[0], text]) : w)));
      return (
        <Space direction="vertical" data-testid={testId}>
          <Checkbox checked={windows === null} disabled={disabled} onChange={(e) => onChange(e.target.checked ? null : [['08:30', '12:00']])} data-testid={`${testId}-none`}>
            {t('policy.allDay')}
          </Checkbox>
          {windows?.map((w, i) => (
            <Space.Compact key={i}>
              <Input value={w[0]} placeholder="08:30" status={status} disabled={disabled} onChange={(e) => set(i, 0, e.target.value.trim())} style={{ width: 80 }} aria-label={`${knob.path}[${i}].from`} />
              <Input value={w[1]} placeholder="12:00" status={status} disabled={disabled} onChange={(e) => set(i, 1, e.target.value.trim())} style={{ width: 80 }} aria-label={`${knob.path}[${i}].to`} />
              <Button disabled={disabled || windows.length <= 1} onClick={() => onChange(windows.filter((_, j) => j !== i))} aria-label={t('policy.remove')}>
                −
              </Button>
            </Space.Compact>
          ))}
          {windows && (
            <Button size="small" disabled={disabled} onClick={() => onChange([...windows, ['14:30', '17:30']])}>
              {t('policy.addWindow')}
            </Button>
          )}
        </Space>
      );
    }
    case 'split': {
      const parts = knob.parts ?? [];
      const shares = (typeof value === 'object' && value !== null ? value : {}) as Record<string, number>;
      // Two parties: editing one share sets the other to the rest.
      const set = (part: string, n: number | null) => {
        if (n === null) return onChange({ ...shares, [part]: n });
        const next: Record<string, number> = { ...shares, [part]: clean(n) };
        if (parts.length === 2) next[parts.find((p) => p !== part) as string] = clean(1 - n);
        onChange(next);
      };
      return (
        <Space wrap data-testid={testId}>
          {parts.map((part) => (
            <Space key={part} size={4}>
              <span>{word(part)}</span>
              <InputNumber {...numberProps} value={shares[part] ?? null} onChange={(n) => set(part, n)} formatter={(n) => (n === undefined ? '' : percent(Number(n)))} parser={(text) => Number(String(text ?? '').replace('%', '')) / 100} aria-label={`${knob.path}.${part}`} style={{ width: 100 }} />
            </Space>
          ))}
        </Space>
      );
    }
  }
}
