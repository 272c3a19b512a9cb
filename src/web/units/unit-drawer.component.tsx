// One unit in a drawer: what it is, its status, its hold and live order, and every fact that touched it
// (each kind named in the reader's language, people by name). Read again whenever the grid moves, so it
// stays live; a manager also gets the unit's actions below.
import { Descriptions, Drawer, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect } from 'react';
import { getUnitHistory } from '../api/api-client.ts';
import type { UnitHistory } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { hasMessage } from '../i18n/translate.ts';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { wan } from './grid-model.ts';
import { UnitActions } from './unit-actions.component.tsx';

interface Props {
  readonly unit: string | null;
  readonly asOfSeq: number;
  readonly canManage: boolean;
  readonly onClose: () => void;
  readonly onChanged: () => void;
}

export function UnitDrawer({ unit, asOfSeq, canManage, onClose, onChanged }: Props) {
  const { t } = useI18n();
  const { project } = useProject();
  const { learn } = useStaffNames();
  const loaded = useLoad<UnitHistory | null>(() => (unit === null ? Promise.resolve(null) : getUnitHistory(project, unit)), [project, unit, asOfSeq]);
  const h = loaded.data !== null && loaded.data.unit.id === unit ? loaded.data : null;
  useEffect(() => {
    if (h) learn(h.names);
  }, [h, learn]);

  return (
    <Drawer open={unit !== null} onClose={onClose} title={h ? `${h.unit.building} ${h.unit.unitNo ?? ''} ${h.unit.room}`.replace(/\s+/g, ' ') : t('units.detail')} size={420} destroyOnHidden data-testid="unit-drawer">
      <ErrorAlert problem={loaded.problem} />
      {!h ? <Spin /> : <UnitStory h={h} canManage={canManage} onChanged={onChanged} />}
    </Drawer>
  );
}

function UnitStory({ h, canManage, onChanged }: { readonly h: UnitHistory; readonly canManage: boolean; readonly onChanged: () => void }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const u = h.unit;
  const factLabel = (type: string) => {
    const key = `fact.${type}`;
    return hasMessage(key) ? t(key) : t('fact.other');
  };
  const name = (id: string | null) => (id ? (h.names[id] ?? nameOf(id)) : t('common.nobody'));
  return (
    <>
      <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('units.status')} span={2}>
          <Tag className={`ug-tag s-${u.status}`} data-testid="unit-drawer-status" data-status={u.status}>
            {t(`unitStatus.${u.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('unitField.building')}>{u.building}</Descriptions.Item>
        <Descriptions.Item label={t('unitField.unitNo')}>{u.unitNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('unitField.floor')}>{u.floor ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('unitField.room')}>{u.room}</Descriptions.Item>
        <Descriptions.Item label={t('unitField.layout')} span={2}>
          {u.layout ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('unitField.area')}>{u.area === null ? '—' : t('units.area', { area: u.area })}</Descriptions.Item>
        <Descriptions.Item label={t('unitField.price')}>{u.price === null ? '—' : t('units.priceWan', { amount: wan(u.price, 2) })}</Descriptions.Item>
        {u.closer && <Descriptions.Item label={t('units.closer')}>{name(u.closer)}</Descriptions.Item>}
        {h.orderId !== null && <Descriptions.Item label={t('units.order')}>{t('units.orderNo', { id: h.orderId })}</Descriptions.Item>}
        {h.hold && (
          <Descriptions.Item label={t('units.holdInfo')} span={2}>
            <span data-testid="unit-hold-info">{t('units.heldBy', { by: name(h.hold.by), at: h.hold.atLocal ?? '', reason: h.hold.reason })}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {canManage && <UnitActions key={`${u.id}-${u.status}`} cell={u} onChanged={onChanged} />}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('units.history')}
      </Typography.Title>
      {h.history.length === 0 ? (
        <Empty description={t('units.noHistory')} />
      ) : (
        <Timeline
          data-testid="unit-history"
          items={[...h.history].reverse().map((r) => ({
            key: r.seq,
            content: (
              <div className="unit-history-item">
                <Typography.Text type="secondary">{r.atLocal}</Typography.Text> <b>{factLabel(r.type)}</b>
                {r.by && <Typography.Text type="secondary"> · {t('units.historyBy', { by: name(r.by) })}</Typography.Text>}
                {r.detail && <div className="unit-history-detail">{r.type === 'ordered' ? t(`stage.${r.detail}` as MessageKey) : r.detail}</div>}
              </div>
            ),
          }))}
        />
      )}
    </>
  );
}
