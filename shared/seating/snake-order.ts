/**
 * Seat numbering for a theory-exam room, 附件3 三(一)/(四): "考场原则上应为 30 人标准教室 …
 * 座位号张贴在课桌右上角，从门边开始蛇形排列".
 *
 * 附件3 fixes the start (the desk by the door) and the pattern (snake), not the grid. The grid used
 * here is the standard 30-seat exam room of Chinese exam practice: 6 rows (front to back) × 5
 * columns, numbered down the column by the door from the front row to the back (1–6), back up the
 * next column (7–12), down the third (13–18), and so on. Rows, columns and the side the door is on
 * are parameters, because real classrooms differ; a room whose capacity is not 30 gets a grid of
 * 5 columns and as many rows as it needs (`layoutForCapacity`).
 *
 * Coordinates: `row` 1 is the front row (by the blackboard and the 讲台); `column` 1 is the leftmost
 * column as drawn on a plan seen from the back of the room, looking at the blackboard (which is how
 * candidates see the room). The door is at the front, on `doorSide`.
 */
export interface SeatLayout {
  rows: number;
  columns: number;
  /** Side of the room the door is on, looking at the blackboard. */
  doorSide: 'left' | 'right';
}

/** 附件3's 30-seat standard room. */
export const STANDARD_LAYOUT: SeatLayout = { rows: 6, columns: 5, doorSide: 'left' };

const STANDARD_COLUMNS = 5;

export interface SeatPosition {
  seatNo: number;
  /** 1 = front row. */
  row: number;
  /** 1 = leftmost column looking at the blackboard. */
  column: number;
}

/** A grid that holds `capacity` seats: 6 × 5 for 30, else 5 columns and enough rows. */
export function layoutForCapacity(capacity: number, doorSide: SeatLayout['doorSide'] = STANDARD_LAYOUT.doorSide): SeatLayout {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a positive integer, got ${capacity}`);
  const columns = Math.min(STANDARD_COLUMNS, capacity);
  return { rows: Math.ceil(capacity / columns), columns, doorSide };
}

/**
 * Where each seat number is, in seat-number order: `result[k]` is seat k + 1. Numbering starts at the
 * front desk of the column by the door and snakes column by column away from the door. With
 * `capacity` below rows × columns, the last seats of the snake are left out.
 */
export function snakeSeatOrder(layout: SeatLayout = STANDARD_LAYOUT, capacity = layout.rows * layout.columns): SeatPosition[] {
  const { rows, columns, doorSide } = layout;
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 1 || columns < 1) {
    throw new Error(`layout must have positive integer rows and columns, got ${rows} × ${columns}`);
  }
  const seats: SeatPosition[] = [];
  const total = Math.min(capacity, rows * columns);
  for (let k = 0; k < total; k += 1) {
    const fromDoor = Math.floor(k / rows); // 0 = the column by the door
    const step = k % rows;
    const row = fromDoor % 2 === 0 ? step + 1 : rows - step;
    const column = doorSide === 'left' ? fromDoor + 1 : columns - fromDoor;
    seats.push({ seatNo: k + 1, row, column });
  }
  return seats;
}

/**
 * The seat plan for drawing: `map[row - 1][column - 1]` is the seat number at that desk, or null where
 * the grid has a desk position beyond the room's capacity.
 */
export function seatMap(layout: SeatLayout = STANDARD_LAYOUT, capacity = layout.rows * layout.columns): (number | null)[][] {
  const map: (number | null)[][] = Array.from({ length: layout.rows }, () => Array.from({ length: layout.columns }, () => null));
  for (const seat of snakeSeatOrder(layout, capacity)) {
    const line = map[seat.row - 1];
    if (line) line[seat.column - 1] = seat.seatNo;
  }
  return map;
}

/**
 * Seats for the candidates of one room when the roster brings none (附件3 三(四)): ordered by 准考证号,
 * the first gets seat 1 (by the door), the next seat 2, along the snake. Candidates beyond `capacity`
 * get no seat and are returned in `unseated`.
 */
export function assignSeatsByTicket<T extends { ticketNo: string }>(
  candidates: readonly T[],
  capacity: number,
): { seated: { candidate: T; seatNo: number }[]; unseated: T[] } {
  const ordered = [...candidates].sort((a, b) => compareTicketNo(a.ticketNo, b.ticketNo));
  return {
    seated: ordered.slice(0, capacity).map((candidate, i) => ({ candidate, seatNo: i + 1 })),
    unseated: ordered.slice(capacity),
  };
}

/** 准考证号 order: numerically when both are digits (so "9" < "10"), else by code point; blanks last. */
export function compareTicketNo(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const [x, y] = [a.replace(/^0+/, ''), b.replace(/^0+/, '')];
    if (x.length !== y.length) return x.length - y.length;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
