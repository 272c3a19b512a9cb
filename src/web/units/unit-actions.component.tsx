// The manager's actions on one unit (DEAL-1): hold a free unit with a reason (预留), release a held one,
// withdraw a unit that has no order (下架, with a reason), and edit its description. What the status does
// not allow is not offered; what the server still refuses is said in words (the refusal's code).
import { Button, Card, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import type { GridCell } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { UnitEditForm } from './unit-edit-form.component.tsx';
import { useUnitCommand } from './use-unit-command.ts';

interface ReasonActionProps {
  readonly label: string;
  readonly placeholder: string;
  readonly required: boolean;
  readonly danger?: boolean;
  readonly confirm?: string;
  readonly testId: string;
  readonly busy: boolean;
  readonly onRun: (reason: string) => void;
}

/** A reason box and its button; a required reason is checked here before anything is sent. */
function ReasonAction({ label, placeholder, required, danger, confirm, testId, busy, onRun }: ReasonActionProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const lacking = () => {
    const empty = required && reason.trim() === '';
    setMissing(empty);
    return empty;
  };
  const go = () => {
    if (!lacking()) onRun(reason.trim());
  };
  const button = (
    <Button type={danger ? 'default' : 'primary'} danger={danger} loading={busy} onClick={confirm ? undefined : go} data-testid={testId}>
      {label}
    </Button>
  );
  return (
    <div>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={reason}
          placeholder={placeholder}
          maxLength={500}
          status={missing ? 'error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setMissing(false);
          }}
          onPressEnter={confirm ? undefined : go}
          data-testid={`${testId}-reason`}
        />
        {confirm ? (
          <Popconfirm
            title={confirm}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            open={confirming}
            // The reason is asked for before the confirmation, not after it.
            onOpenChange={(next) => setConfirming(next && !lacking())}
            onConfirm={() => {
              setConfirming(false);
              go();
            }}
          >
            {button}
          </Popconfirm>
        ) : (
          button
        )}
      </Space.Compact>
      {missing && <div className="field-error">{t('units.reasonRequired')}</div>}
    </div>
  );
}

export function UnitActions({ cell, onChanged }: { readonly cell: GridCell; readonly onChanged: () => void }) {
  const { t } = useI18n();
  const { run, busy, problem, clearProblem } = useUnitCommand(onChanged);
  const [editing, setEditing] = useState(false);
  const unit = cell.id;
  const free = cell.status === 'free';
  const held = cell.status === 'held';

  return (
    <Card size="small" title={t('common.actions')} style={{ marginTop: 16 }} data-testid="unit-actions">
      <Space direction="vertical" style={{ width: '100%' }}>
        <ErrorAlert problem={problem} onClose={clearProblem} testId="unit-action-error" />
        {free && <ReasonAction label={t('units.hold')} placeholder={t('units.holdReasonHint')} required testId="unit-hold" busy={busy} onRun={(reason) => void run('hold', { unit, reason }, t('units.held'))} />}
        {(held || cell.status === 'withdrawn') && (
          <ReasonAction
            label={t('units.release')}
            placeholder={t('units.releaseReason')}
            required={false}
            testId="unit-release"
            busy={busy}
            onRun={(reason) => void run('release', reason ? { unit, reason } : { unit }, t('units.released'))}
          />
        )}
        {(free || held) && (
          <ReasonAction label={t('units.withdraw')} placeholder={t('units.withdrawReason')} required danger confirm={t('units.withdrawConfirm')} testId="unit-withdraw" busy={busy} onRun={(reason) => void run('withdrawUnit', { unit, reason }, t('units.withdrawn'))} />
        )}
        {cell.status === 'withdrawn' && <Typography.Text type="secondary">{t('units.withdrawnNote')}</Typography.Text>}
        {!free && !held && cell.status !== 'withdrawn' && <Typography.Text type="secondary">{t('units.soldNote')}</Typography.Text>}
        {editing ? (
          <UnitEditForm cell={cell} busy={busy} onCancel={() => setEditing(false)} onSave={(u) => void run('editUnit', { unit: u }, t('units.edited')).then((ok) => ok && setEditing(false))} />
        ) : (
          <Button onClick={() => setEditing(true)} data-testid="unit-edit">
            {t('units.edit')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
