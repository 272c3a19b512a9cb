// One building of the 销控 board: its counts and amounts on top, then its floors as rows (top floor first)
// and its rooms as plain coloured divs in fixed columns — no antd component per cell, so 5,000 units draw
// fast. Memoised: a building whose model, filter and language did not change does not render again.
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

const CELL_TRACK = 'var(--ug-cell-width)';
const GAP_TRACK = '6px';

/** The CSS grid's tracks: the floor label, then each room column, a narrow gap before each new entrance. */
function layout(model: BuildingModel): { template: string; trackOf: readonly number[] } {
  const tracks = ['auto'];
  const trackOf: number[] = [];
  model.columns.forEach((_c, i) => {
    if (model.entranceStarts.has(i)) tracks.push(GAP_TRACK);
    tracks.push(CELL_TRACK);
    trackOf.push(tracks.length);
  });
  return { template: tracks.join(' '), trackOf };
}

function BuildingBlockView({ model, filter, filtering, t }: Props) {
  const { template, trackOf } = layout(model);
  const columnIndex = new Map(model.columns.map((c, i) => [c, i]));
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
      <div className="ug-floors" style={{ gridTemplateColumns: template }}>
        {model.floors.map((row, r) => (
          <FloorCells key={row.floor ?? 'none'} row={row} rowNo={r + 1} trackOf={trackOf} columnIndex={columnIndex} filter={filter} filtering={filtering} t={t} building={building} />
        ))}
      </div>
    </section>
  );
}

interface FloorProps {
  readonly row: BuildingModel['floors'][number];
  readonly rowNo: number;
  readonly trackOf: readonly number[];
  readonly columnIndex: ReadonlyMap<string, number>;
  readonly filter: GridFilter;
  readonly filtering: boolean;
  readonly t: Translate;
  readonly building: string;
}

function FloorCells({ row, rowNo, trackOf, columnIndex, filter, filtering, t, building }: FloorProps) {
  return (
    <>
      <div className="ug-floor" style={{ gridRow: rowNo, gridColumn: 1 }}>
        {row.floor === null ? t('units.noFloor') : t('units.floor', { n: row.floor })}
      </div>
      {row.cells.map((c) => {
        const dim = filtering && !matches(c, filter);
        const column = trackOf[columnIndex.get(columnKey(c)) ?? 0] ?? 2;
        const status = t(`unitStatus.${c.status}`);
        const details = [c.layout, c.area === null ? null : t('units.area', { area: c.area }), c.price === null ? null : t('units.priceWan', { amount: wan(c.price, 2) })].filter(Boolean).join(' · ');
        return (
          <div
            key={c.id}
            className={`ug-cell s-${c.status}${dim ? ' dim' : ''}`}
            style={{ gridRow: rowNo, gridColumn: column }}
            data-testid={`unit-cell-${c.id}`}
            data-status={c.status}
            data-unit={c.id}
            role="button"
            tabIndex={0}
            title={`${t('units.cellTitle', { building, room: c.room, status })}${details ? `\n${details}` : ''}`}
          >
            {c.room}
          </div>
        );
      })}
    </>
  );
}

export const BuildingBlock = memo(BuildingBlockView);
