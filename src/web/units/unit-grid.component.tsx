// 销控: the classic board of every unit, live — buildings side by side, floors as rows, rooms coloured by
// status, a legend with the office's counts, filters by layout and price (non-matching rooms are dimmed),
// and a drawer with the unit's story (and, for a manager, hold, release, withdraw and edit). The same
// component serves the consultant's phone read-only.
import { Button, Empty, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { BuildingBlock } from './building-block.component.tsx';
import { ACTIVE_CELL_ID, activate, activeCell, firstCell, moveFrom } from './grid-keys.ts';
import { isFiltering, layoutsOf, matches, NO_FILTER, totalCounts, UNIT_STATUSES, wan, type GridFilter } from './grid-model.ts';
import { UnitDrawer } from './unit-drawer.component.tsx';
import './unit-grid.css';
import { useUnitGrid } from './use-unit-grid.ts';

const CELL_PREFIX = 'unit-cell-';

/** The unit a click or a pointer landed on (its cell's test id names it). */
function cellIdOf(target: EventTarget): string | null {
  const testId = (target as HTMLElement).closest?.<HTMLElement>('.ug-cell')?.dataset.testid;
  return testId?.startsWith(CELL_PREFIX) ? testId.slice(CELL_PREFIX.length) : null;
}

interface Props {
  /** The newest fact's seq the page's stream reported (each change re-reads the grid). */
  readonly liveSeq: number;
  /** Hold, release, withdraw and edit in the drawer (the manager's). */
  readonly canManage: boolean;
}

export function UnitGrid({ liveSeq, canManage }: Props) {
  const { t } = useI18n();
  const { project } = useProject();
  const { learn } = useStaffNames();
  const { grid, buildings, problem, loading, refresh } = useUnitGrid(project, liveSeq);
  const [filter, setFilter] = useState<GridFilter>(NO_FILTER);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (grid) learn(grid.names);
  }, [grid, learn]);

  const layouts = useMemo(() => (grid ? layoutsOf(grid.cells) : []), [grid]);
  const totals = useMemo(() => totalCounts(grid?.buildings ?? []), [grid]);
  const filtering = isFiltering(filter);
  const matching = useMemo(() => (grid && filtering ? grid.cells.filter((c) => matches(c, filter)).length : null), [grid, filter, filtering]);

  const byId = useMemo(() => new Map((grid?.cells ?? []).map((c) => [c.id, c])), [grid]);
  const pick = useCallback((target: EventTarget) => {
    const id = cellIdOf(target);
    if (id !== null) setOpen(id);
  }, []);
  const board = useRef<HTMLDivElement>(null);
  // The active room's id outlives a live update that redraws its cell's class.
  const activeId = useRef<string | null>(null);
  const current = useCallback((el: HTMLDivElement) => activeCell(el) ?? (activeId.current ? el.querySelector<HTMLElement>(`[data-testid="${CELL_PREFIX}${activeId.current}"]`) : null) ?? firstCell(el), []);
  const moveTo = useCallback((el: HTMLDivElement, cell: HTMLElement, scroll = true) => {
    activate(el, cell, scroll);
    activeId.current = cellIdOf(cell);
  }, []);
  const onClick = useCallback(
    (e: MouseEvent) => {
      const cell = (e.target as HTMLElement).closest?.<HTMLElement>('.ug-cell');
      if (cell && board.current) moveTo(board.current, cell, false);
      pick(e.target);
    },
    [pick, moveTo],
  );
  const onFocus = useCallback(() => {
    const el = board.current;
    const start = el && current(el);
    if (el && start) moveTo(el, start, false);
  }, [current, moveTo]);
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const el = board.current;
      const at = el && current(el);
      if (!el || !at) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        pick(at);
        return;
      }
      const to = moveFrom(at, e.key);
      if (to) {
        e.preventDefault();
        moveTo(el, to);
      }
    },
    [pick, current, moveTo],
  );
  // The hover text of a cell is written when the pointer first reaches it, not for 5,000 cells up front.
  const onOver = useCallback(
    (e: MouseEvent) => {
      const id = cellIdOf(e.target);
      const c = id === null ? undefined : byId.get(id);
      if (!c) return;
      const details = [c.layout, c.area === null ? null : t('units.area', { area: c.area }), c.price === null ? null : t('units.priceWan', { amount: wan(c.price, 2) })].filter(Boolean).join(' · ');
      (e.target as HTMLElement).title = `${t('units.cellTitle', { building: c.building, room: c.room, status: t(`unitStatus.${c.status}`) })}${details ? `\n${details}` : ''}`;
    },
    [byId, t],
  );

  if (!grid) return loading ? <Spin /> : <ErrorAlert problem={problem} />;
  return (
    <div className="unit-grid" data-testid="unit-grid" data-seq={grid.asOfSeq}>
      <ErrorAlert problem={problem} />
      <div className="ug-toolbar">
        <div className="ug-legend" data-testid="unit-legend" aria-label={t('units.legend')}>
          {UNIT_STATUSES.map((s) => (
            <span key={s} className="ug-legend-item">
              <i className={`ug-swatch s-${s}`} />
              {t(`unitStatus.${s}`)} <b data-testid={`legend-count-${s}`}>{totals[s]}</b>
            </span>
          ))}
          <Typography.Text type="secondary">{t('units.total', { n: grid.cells.length })}</Typography.Text>
        </div>
        <Space wrap size={8} className="ug-filters">
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('units.filterLayout')}
            value={[...filter.layouts]}
            onChange={(v: string[]) => setFilter((f) => ({ ...f, layouts: v }))}
            options={layouts.map((l) => ({ value: l, label: l }))}
            data-testid="grid-filter-layout"
            maxTagCount="responsive"
          />
          <Space.Compact>
            <InputNumber min={0} placeholder={t('units.priceFrom')} value={filter.minWan} onChange={(v) => setFilter((f) => ({ ...f, minWan: v ?? null }))} aria-label={`${t('units.filterPrice')} ${t('units.priceFrom')}`} data-testid="grid-filter-min" style={{ width: 110 }} />
            <InputNumber min={0} placeholder={t('units.priceTo')} value={filter.maxWan} onChange={(v) => setFilter((f) => ({ ...f, maxWan: v ?? null }))} aria-label={`${t('units.filterPrice')} ${t('units.priceTo')}`} data-testid="grid-filter-max" style={{ width: 110 }} />
          </Space.Compact>
          <Typography.Text type="secondary">{t('units.filterPrice')}</Typography.Text>
          {filtering && (
            <>
              <Typography.Text data-testid="grid-matching">{t('units.matching', { n: matching ?? 0 })}</Typography.Text>
              <Button size="small" onClick={() => setFilter(NO_FILTER)}>
                {t('units.clearFilter')}
              </Button>
            </>
          )}
        </Space>
      </div>
      {buildings.length === 0 ? (
        <Empty description={t('units.empty')} />
      ) : (
        <div
          ref={board}
          className="ug-board"
          role="grid"
          tabIndex={0}
          aria-label={t('units.gridKeys')}
          aria-activedescendant={ACTIVE_CELL_ID}
          data-testid="unit-board"
          onClick={onClick}
          onMouseOver={onOver}
          onFocus={onFocus}
          onKeyDown={onKeyDown}
        >
          {buildings.map((b) => (
            <BuildingBlock key={b.building} model={b} filter={filter} filtering={filtering} t={t} />
          ))}
        </div>
      )}
      <Typography.Text type="secondary" className="ug-asof">
        {t('units.asOf', { seq: grid.asOfSeq })}
      </Typography.Text>
      <UnitDrawer unit={open} asOfSeq={grid.asOfSeq} canManage={canManage} onClose={() => setOpen(null)} onChanged={refresh} />
    </div>
  );
}
