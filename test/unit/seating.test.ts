import { describe, expect, it } from 'vitest';
import {
  assignSeatsByTicket,
  compareTicketNo,
  layoutForCapacity,
  seatMap,
  snakeSeatOrder,
  STANDARD_LAYOUT,
} from '../../shared/seating/snake-order';

describe('附件3 snake seat order (从门边开始蛇形排列)', () => {
  it('numbers the 30-seat standard room from the front desk by the door, snaking column by column', () => {
    // Rows front (blackboard) to back; door on the left, as seen looking at the blackboard.
    expect(seatMap()).toEqual([
      [1, 12, 13, 24, 25],
      [2, 11, 14, 23, 26],
      [3, 10, 15, 22, 27],
      [4, 9, 16, 21, 28],
      [5, 8, 17, 20, 29],
      [6, 7, 18, 19, 30],
    ]);
  });

  it('walks seat 1 … 30 as one unbroken snake: each seat is next to the one before', () => {
    const order = snakeSeatOrder();
    expect(order).toHaveLength(30);
    expect(order[0]).toEqual({ seatNo: 1, row: 1, column: 1 });
    for (let i = 1; i < order.length; i += 1) {
      const [a, b] = [order[i - 1]!, order[i]!];
      expect(Math.abs(a.row - b.row) + Math.abs(a.column - b.column)).toBe(1);
    }
    expect(new Set(order.map((s) => `${s.row},${s.column}`)).size).toBe(30);
  });

  it('mirrors when the door is on the right', () => {
    expect(seatMap({ ...STANDARD_LAYOUT, doorSide: 'right' })[0]).toEqual([25, 24, 13, 12, 1]);
    expect(seatMap({ ...STANDARD_LAYOUT, doorSide: 'right' })[5]).toEqual([30, 19, 18, 7, 6]);
  });

  it('fits other capacities into 5 columns and leaves desks past the capacity empty', () => {
    expect(layoutForCapacity(30)).toEqual(STANDARD_LAYOUT);
    expect(layoutForCapacity(24)).toEqual({ rows: 5, columns: 5, doorSide: 'left' });
    expect(layoutForCapacity(3)).toEqual({ rows: 1, columns: 3, doorSide: 'left' });
    expect(seatMap(layoutForCapacity(24), 24)).toEqual([
      [1, 10, 11, 20, 21],
      [2, 9, 12, 19, 22],
      [3, 8, 13, 18, 23],
      [4, 7, 14, 17, 24],
      [5, 6, 15, 16, null],
    ]);
  });
});

describe('assignSeatsByTicket', () => {
  it('gives seat 1 to the lowest 准考证号 and so on; those past the capacity get none', () => {
    const tickets = ['20261105170103', '20261105170101', '20261105170104', '20261105170102'];
    const { seated, unseated } = assignSeatsByTicket(tickets.map((ticketNo) => ({ ticketNo })), 3);
    expect(seated.map((s) => [s.candidate.ticketNo, s.seatNo])).toEqual([
      ['20261105170101', 1],
      ['20261105170102', 2],
      ['20261105170103', 3],
    ]);
    expect(unseated).toEqual([{ ticketNo: '20261105170104' }]);
  });

  it('orders digit tickets by value, blanks last', () => {
    expect(['10', '9', '', 'A1', '009'].sort(compareTicketNo)).toEqual(['009', '9', '10', 'A1', '']);
  });
});
