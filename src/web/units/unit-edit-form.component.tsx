// Editing a unit's description (editUnit): the whole description is replaced, so every field is sent
// (the unit's id stays; the price is typed in 万元 and sent in yuan). Checks mirror the contract's unit.
import { Button, Form, Input, InputNumber, Space } from 'antd';
import type { GridCell, UnitInput } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { unitOfValues, type UnitValues as Values } from './unit-edit-values.ts';

interface Props {
  readonly cell: GridCell;
  readonly busy: boolean;
  readonly onSave: (unit: UnitInput) => void;
  readonly onCancel: () => void;
}

export function UnitEditForm({ cell, busy, onSave, onCancel }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const required = [{ required: true, whitespace: true, message: t('check.required') }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="small"
      data-testid="unit-edit-form"
      initialValues={{ building: cell.building, unitNo: cell.unitNo, floor: cell.floor, room: cell.room, layout: cell.layout, area: cell.area, priceWan: cell.price === null ? null : cell.price / 10_000 }}
      onFinish={(v) => onSave(unitOfValues(cell.id, v))}
    >
      <Space wrap>
        <Form.Item name="building" label={t('unitField.building')} rules={required}>
          <Input maxLength={32} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="unitNo" label={t('unitField.unitNo')}>
          <Input maxLength={16} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="floor" label={t('unitField.floor')}>
          <InputNumber min={-10} max={300} precision={0} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name="room" label={t('unitField.room')} rules={required}>
          <Input maxLength={32} style={{ width: 90 }} data-testid="unit-edit-room" />
        </Form.Item>
      </Space>
      <Form.Item name="layout" label={t('unitField.layout')}>
        <Input maxLength={64} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="area" label={t('units.areaInM2')} rules={[{ type: 'number', min: 0.01, message: t('units.invalidNumber') }]}>
          <InputNumber min={0.01} max={100_000} precision={2} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="priceWan" label={t('units.priceInWan')} rules={[{ type: 'number', min: 0, message: t('units.invalidNumber') }]}>
          <InputNumber min={0} max={10_000_000} precision={4} style={{ width: 140 }} data-testid="unit-edit-price" />
        </Form.Item>
      </Space>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="unit-edit-save">
          {t('units.editSave')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
