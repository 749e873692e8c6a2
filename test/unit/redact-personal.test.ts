import { describe, expect, it } from 'vitest';
import { isPurgedIdNumber, redactPersonalFields } from '../../shared/privacy/redact-personal';
import { fixtureDay } from '../support/fixture-day';

const keyed = (idNumber: string): string => idNumber.padStart(64, '0').slice(-64).replace(/X/g, 'a');
const [one, two] = fixtureDay(2).candidates;
const masked = (id: string): string => `${'*'.repeat(id.length - 4)}${id.slice(-4)}`;

describe('redactPersonalFields: what a purge leaves of each payload (issue 11 item 5)', () => {
  it.each([
    ['candidate.registered', { candidate: one }, { candidate: { ...one, idNumber: masked(one!.idNumber), idNumberKeyed: keyed(one!.idNumber) } }],
    [
      'candidate.corrected (the roster row as corrected)',
      { candidate: one, note: '更正姓名' },
      { candidate: { ...one, idNumber: masked(one!.idNumber), idNumberKeyed: keyed(one!.idNumber) }, note: '更正姓名' },
    ],
    [
      'candidates.registered',
      { candidates: [one, two] },
      { candidates: [one, two].map((c) => ({ ...c, idNumber: masked(c!.idNumber), idNumberKeyed: keyed(c!.idNumber) })) },
    ],
    [
      'checkin.attempted (an ID card)',
      { roomNo: '01', input: { method: 'scanner', value: one!.idNumber }, verdict: 'admitted', ticketNo: one!.ticketNo, document: 'id' },
      { roomNo: '01', input: { method: 'scanner', value: masked(one!.idNumber) }, verdict: 'admitted', ticketNo: one!.ticketNo, document: 'id' },
    ],
    [
      'checkin.attempted (an unknown ID number, typed lower-case)',
      { roomNo: '01', input: { method: 'typed', value: '11010519491231002x' }, verdict: 'not-on-roster' },
      { roomNo: '01', input: { method: 'typed', value: '**************002X' }, verdict: 'not-on-roster' },
    ],
  ])('%s', (label, payload, expected) => {
    expect(redactPersonalFields(label.split(' ')[0]!, payload, keyed)).toEqual(expected);
  });

  it.each([
    ['checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: one!.ticketNo }, verdict: 'admitted', ticketNo: one!.ticketNo, document: 'ticket' }],
    ['candidate.registered', { candidate: { ...one, idNumber: masked(one!.idNumber), idNumberKeyed: keyed(one!.idNumber) } }],
    ['checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: masked(one!.idNumber) }, verdict: 'admitted', document: 'id' }],
    ['candidate.photo-attached', { ticketNo: one!.ticketNo, sha256: 'a'.repeat(64), mime: 'image/png', byteLength: 10 }],
  ])('leaves %s with nothing to purge as it is (undefined)', (type, payload) => {
    expect(redactPersonalFields(type, payload, keyed)).toBeUndefined();
  });

  it.each([
    ['**************1234', true],
    ['110105194912310021', false],
    ['****', false],
    ['*1234', true],
    ['E1234**5678', false],
  ])('isPurgedIdNumber(%s) is %s', (idNumber, expected) => {
    expect(isPurgedIdNumber(idNumber)).toBe(expected);
  });
});
