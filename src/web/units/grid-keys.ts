// Keyboard access to the 销控 board: the board is one tab stop; arrows move an active room within a floor
// and between floors, Home/End go to a floor's ends, Enter or Space opens the room. The active room is
// marked on the DOM (a class and the board's aria-activedescendant), not in React state, so moving does not
// re-render 5,000 cells.
const CELL = 'ug-cell';
const ACTIVE = 'active';
export const ACTIVE_CELL_ID = 'ug-active-cell';

/** The room cells of one floor row, in column order. */
function cellsOf(row: Element | null): HTMLElement[] {
  return row ? (Array.from(row.children).filter((c) => c.classList.contains(CELL)) as HTMLElement[]) : [];
}

/** In `row`, the cell nearest to column `index` (a floor may have an empty slot there). */
function nearestIn(row: Element | null, index: number): HTMLElement | null {
  if (!row) return null;
  const children = Array.from(row.children);
  let best: HTMLElement | null = null;
  let distance = Infinity;
  children.forEach((c, i) => {
    if (c.classList.contains(CELL) && Math.abs(i - index) < distance) {
      best = c as HTMLElement;
      distance = Math.abs(i - index);
    }
  });
  return best;
}

/** Where `key` moves from `cell`; null when the key is not a move (or there is nowhere to go). */
export function moveFrom(cell: HTMLElement, key: string): HTMLElement | null {
  const row = cell.parentElement;
  if (!row) return null;
  const rowCells = cellsOf(row);
  const at = rowCells.indexOf(cell);
  const column = Array.from(row.children).indexOf(cell);
  switch (key) {
    case 'ArrowRight':
      return rowCells[at + 1] ?? null;
    case 'ArrowLeft':
      return rowCells[at - 1] ?? null;
    case 'ArrowUp':
      return nearestIn(row.previousElementSibling, column);
    case 'ArrowDown':
      return nearestIn(row.nextElementSibling, column);
    case 'Home':
      return rowCells[0] ?? null;
    case 'End':
      return rowCells.at(-1) ?? null;
    default:
      return null;
  }
}

/** The board's active cell, if any. */
export function activeCell(board: HTMLElement): HTMLElement | null {
  return board.querySelector<HTMLElement>(`.${CELL}.${ACTIVE}`);
}

/** Makes `cell` the active one (and the only one); scrolled into view when the keyboard moved there. */
export function activate(board: HTMLElement, cell: HTMLElement, scroll: boolean): void {
  const before = activeCell(board);
  if (before) {
    before.classList.remove(ACTIVE);
    before.removeAttribute('id');
  }
  cell.classList.add(ACTIVE);
  cell.id = ACTIVE_CELL_ID;
  // Focus by a click must not scroll: the page would move under the pointer between press and release.
  if (scroll) cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** The first room on the board (where the keyboard starts). */
export function firstCell(board: HTMLElement): HTMLElement | null {
  return board.querySelector<HTMLElement>(`.${CELL}`);
}
