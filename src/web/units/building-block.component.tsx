// One building of the 销控 board: its counts and amounts on top, then its floors as rows (top floor first)
// and its rooms as plain coloured divs in fixed columns — no antd component per cell, so 5,000 units draw
// fast. Memoised: a building (and within a building, a floor) whose cells, filter and language did not
// change does not render again.
// Clicks are handled once for the whole board (grid's `data-unit`), not per cell.
import { memo } from 'react';
import type { Translate } from '../i18n/translate.ts';
import { columnKey, matches, UNIT_STATUSES, wan, type BuildingModel, type GridFilter } from './grid-model.ts';

interface Props {
  readonly model: BuildingModel;
  readonly filter: GridFilter;
  readonly filtering: boolean;
  readonly t: Translate;
}

function BuildingBlockView({ model, filter, filtering, t }: Props) {
  const s = model.summary;
  const building = model.building;
  return (
    <section className="ug-building" data-testid={`grid-building-${building}`}>
      <header className="ug-building-head">
        <div className="ug-building-name">
          <strong>{building}</strong>
          <span>{t('units.count', { n: s?.units ?? model.floors.reduce((n, f) => n + f.cells.length, 0) })}</span>
        </div>
        {s && (
          <>
            <div className="ug-building-counts">
              {UNIT_STATUSES.filter((k) => (s.counts[k] ?? 0) > 0).map((k) => (
                <span key={k} className={`ug-count s-${k}`} data-testid={`building-count-${building}-${k}`}>
                  {t(`unitStatus.${k}`)} {s.counts[k]}
                </span>
              ))}
            </div>
            <div className="ug-building-amounts">
              <span data-testid={`building-sold-${building}`}>{t('units.soldAmount', { amount: wan(s.soldAmount) })}</span>
              <span>{t('units.freeAmount', { amount: wan(s.freeAmount) })}</span>
            </div>
          </>
        )}
      </header>
      <div className="ug-floors">
        {model.floors.map((row) => (
          <FloorRow key={row.floor ?? 'none'} row={row} columns={model.columns} entranceStarts={model.entranceStarts} filter={filter} filtering={filtering} t={t} />
        ))}
      </div>
    </section>
  );
}

interface FloorProps {
  readonly row: BuildingModel['floors'][number];
  readonly columns: BuildingModel['columns'];
  readonly entranceStarts: BuildingModel['entranceStarts'];
  readonly filter: GridFilter;
  readonly filtering: boolean;
  readonly t: Translate;
}

/**
 * One floor: its label, then a box per column — the room there, or an empty slot so columns line up.
 * A cell carries only its class, test id and status: at 5,000 units every attribute counts (the hover
 * text is set by the board when the pointer is over a cell).
 */
function FloorRowView({ row, columns, entranceStarts, filter, filtering, t }: FloorProps) {
  const byColumn = new Map(row.cells.map((c) => [columnKey(c), c]));
  return (
    <div className="ug-row">
      <div className="ug-floor">{row.floor === null ? t('units.noFloor') : t('units.floor', { n: row.floor })}</div>
      {columns.map((column, i) => {
        const c = byColumn.get(column);
        const entrance = entranceStarts.has(i) ? ' entrance' : '';
        if (!c) return <i key={column} className={`ug-slot${entrance}`} />;
        const dim = filtering && !matches(c, filter) ? ' dim' : '';
        return (
          <div key={column} className={`ug-cell s-${c.status}${dim}${entrance}`} data-testid={`unit-cell-${c.id}`} data-status={c.status}>
            {c.room}
          </div>
        );
      })}
    </div>
  );
}

const FloorRow = memo(FloorRowView);

export const BuildingBlock = memo(BuildingBlockView);
