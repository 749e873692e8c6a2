import { describe, expect, it } from 'vitest';
import { API_METHODS, type ExamDayHandlers } from '../../shared/api/contract';
import { createApiClient } from '../../shared/api/client';
import { err, ok } from '../../shared/api/result';
import { parseEvent } from '../../shared/events/event';
import { dispatchApiCall } from '../../electron/core/dispatch';

const calls: unknown[] = [];
const handlers: ExamDayHandlers = {
  getDay: () => ok({ plan: null, rooms: [], staff: [], deviceId: 'abcdef0123456789', serverTime: '2026-11-25T00:00:00.000Z' }),
  getRoomRoster: () => {
    throw new Error('boom 110105197001010019');
  },
  checkIn: (input) => {
    calls.push(input);
    return ok({
      verdict: { kind: 'not-on-roster', inputMasked: '****0000' },
      eventId: 'abcdef0123456789-1',
      committedAt: '2026-11-25T00:00:00.000Z',
    });
  },
  verifyLog: () => ok({ ok: true, eventsChecked: 0, devices: 0 }),
  admitWithReason: (input) => {
    calls.push(input);
    return err('refused', 'stub');
  },
  searchCandidates: () => ok({ matches: [] }),
  getDoorState: () => ok({ pending: null }),
  admitInDoubt: (input) => {
    calls.push(input);
    return err('refused', 'stub');
  },
  markReverify: (input) => {
    calls.push(input);
    return err('refused', 'stub');
  },
  revokeAdmission: (input) => {
    calls.push(input);
    return err('refused', 'stub');
  },
  getRoomRecord: () => err('not-found', 'stub'),
  confirmAbsentees: (input) => {
    calls.push(input);
    return err('refused', 'stub');
  },
  resolveDoubt: (input) => {
    calls.push(input);
    return err('refused', 'stub');
  },
  // The day-clock methods below are only reached when their input is valid; these tests check refusals.
  getClock: () => ok({ deviceNowMs: 0, speed: 1, offsetMs: null, checkedAt: null, offsetTooLarge: false, deviceId: 'abcdef0123456789', rehearsal: null }),
  getSchedule: () => ok({ steps: [], gates: null, confirmations: [] }),
  confirmStep: (input) => {
    calls.push(input);
    return err('refused', 'stub');
  },
  recordClockCheck: () => err('refused', 'stub'),
  getDashboard: () => ok({ rooms: [], unsignedAfterReturn: [], generatedAt: '2026-11-25T00:00:00.000Z', totals: { expected: 0, admitted: 0, absentees: null, inDoubt: 0, incidents: 0 }, groups: [], feed: [] }),
  getAnnouncements: () => ok({ announcements: [] }),
  startRehearsal: (input) => {
    calls.push(input);
    return err('refused', 'stub');
  },
  stopRehearsal: () => ok({ stopped: false }),
  getCandidatePhoto: () => err('not-found', 'stub'),
  attachCandidatePhotos: () => err('refused', 'stub'),
  savePlan: () => err('refused', 'stub'),
  defineRooms: () => err('refused', 'stub'),
  importRoster: () => err('refused', 'stub'),
  listRoster: () => err('refused', 'stub'),
  addCandidate: () => err('refused', 'stub'),
  correctCandidate: () => err('refused', 'stub'),
  withdrawCandidate: () => err('refused', 'stub'),
  previewRosterReimport: () => err('refused', 'stub'),
  applyRosterReimport: () => err('refused', 'stub'),
  registerStaff: () => err('refused', 'stub'),
  startNewDay: () => err('refused', 'stub'),
  exportDayPackage: () => err('refused', 'stub'),
  importDayPackage: () => err('refused', 'stub'),
  inspectDayPackage: () => err('refused', 'stub'),
  getPhotoCoverage: () => err('refused', 'stub'),
  getIncidentKinds: () => err('refused', 'stub'),
  recordIncident: () => err('refused', 'stub'),
  correctIncident: () => err('refused', 'stub'),
  recordHandIn: () => err('refused', 'stub'),
  recordLeave: () => err('refused', 'stub'),
  recordReturn: () => err('refused', 'stub'),
  collectPapers: () => err('refused', 'stub'),
  recordPaperCount: () => err('refused', 'stub'),
  signRecord: () => err('refused', 'stub'),
  signRecordException: () => err('refused', 'stub'),
  getResults: () => err('refused', 'stub'),
  getSyncStatus: () => err('refused', 'stub'),
  startSyncListener: () => err('refused', 'stub'),
  stopSyncListener: () => err('refused', 'stub'),
  createPairingOffer: () => err('refused', 'stub'),
  pairWithOffice: () => err('refused', 'stub'),
  revokeDevice: () => err('refused', 'stub'),
  syncNow: () => err('refused', 'stub'),
  listFindings: () => err('refused', 'stub'),
  resolveFinding: () => err('refused', 'stub'),
  exportSyncFile: () => err('refused', 'stub'),
  inspectSyncFile: () => err('refused', 'stub'),
  importSyncFile: () => err('refused', 'stub'),
  getCenterLink: () => err('refused', 'stub'),
  enrolWithCenter: () => err('refused', 'stub'),
  pushToCenterNow: () => err('refused', 'stub'),
  getCustody: () => err('refused', 'stub'),
  registerBags: () => err('refused', 'stub'),
  recordCustodyStep: () => err('refused', 'stub'),
  sealReturnBag: () => err('refused', 'stub'),
  signCustodyException: () => err('refused', 'stub'),
  closeDay: () => err('refused', 'stub'),
  setPin: () => err('refused', 'stub'),
  signIn: () => err('refused', 'stub'),
  unlockBadge: () => err('refused', 'stub'),
  listPinStatus: () => err('refused', 'stub'),
  purgePersonalData: () => err('refused', 'stub'),
  revealIdNumber: () => err('refused', 'stub'),
};

describe('dispatchApiCall', () => {
  it('refuses unknown methods and malformed input with a Chinese reason, before any handler runs', () => {
    expect(dispatchApiCall(handlers, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(dispatchApiCall(handlers, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(dispatchApiCall(handlers, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const missing = dispatchApiCall(handlers, 'checkIn', { roomNo: '01', method: 'scanner', actorStaffId: 'S1' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const extra = dispatchApiCall(handlers, 'checkIn', { roomNo: '01', input: 'x', method: 'scanner', actorStaffId: 'S1', sql: 'x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const badMethod = dispatchApiCall(handlers, 'checkIn', { roomNo: '01', input: 'x', method: 'telepathy', actorStaffId: 'S1' });
    expect(badMethod).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const empty = dispatchApiCall(handlers, 'checkIn', { roomNo: '01', input: '   ', method: 'scanner', actorStaffId: 'S1' });
    expect(empty.ok === false && empty.error.message).toMatch(/扫描内容为空/);
    expect(calls).toHaveLength(0);
  });

  it('refuses day-clock calls with made-up steps, speeds or empty references', () => {
    const before = calls.length;
    const unknownStep = dispatchApiCall(handlers, 'confirmStep', { confirmationId: 'coffee-served', actorStaffId: 'S1' });
    expect(unknownStep.ok === false && unknownStep.error.message).toMatch(/未知的确认环节/);
    const fastRehearsal = dispatchApiCall(handlers, 'startRehearsal', { startTime: '08:30', fromStepId: 'exam-start', speed: 1000 });
    expect(fastRehearsal.ok === false && fastRehearsal.error.message).toMatch(/演练速度/);
    const badStart = dispatchApiCall(handlers, 'startRehearsal', { startTime: '8点半', fromStepId: 'exam-start', speed: 10 });
    expect(badStart.ok === false && badStart.error.message).toMatch(/HH:MM/);
    const noReference = dispatchApiCall(handlers, 'recordClockCheck', { reference: ' ', actorStaffId: 'S1' });
    expect(noReference.ok === false && noReference.error.message).toMatch(/时间码/);
    expect(calls.length).toBe(before);
  });

  it('refuses an absentee confirmation without a list, without a badge and PIN or with a 1001-name list', () => {
    const before = calls.length;
    const confirmer = { badgeCode: 'KW-S1', pin: '246801' };
    expect(dispatchApiCall(handlers, 'confirmAbsentees', { roomNo: '01', confirmer })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const nobody = dispatchApiCall(handlers, 'confirmAbsentees', { roomNo: '01', ticketNos: [] });
    expect(nobody.ok === false && nobody.error.message).toMatch(/请扫描胸卡并输入 PIN/);
    const noPin = dispatchApiCall(handlers, 'confirmAbsentees', { roomNo: '01', ticketNos: [], confirmer: { badgeCode: 'KW-S1', pin: ' ' } });
    expect(noPin.ok === false && noPin.error.message).toMatch(/请输入 PIN/);
    // A name from a list is no proof: the old field is refused, not ignored.
    const named = dispatchApiCall(handlers, 'confirmAbsentees', { roomNo: '01', ticketNos: [], confirmer, actorStaffId: 'S1' });
    expect(named).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const tooMany = dispatchApiCall(handlers, 'confirmAbsentees', { roomNo: '01', ticketNos: Array.from({ length: 1001 }, (_, i) => `T${i}`), confirmer });
    expect(tooMany.ok === false && tooMany.error.message).toMatch(/缺考名单过长/);
    expect(calls.length).toBe(before);
    expect(dispatchApiCall(handlers, 'confirmAbsentees', { roomNo: '01', ticketNos: ['T1'], confirmer })).toMatchObject({ ok: false, error: { message: 'stub' } });
  });

  it('refuses a step confirmation by nobody, or by both the person on duty and a badge', () => {
    const before = calls.length;
    const nobody = dispatchApiCall(handlers, 'confirmStep', { confirmationId: 'seal-shown', roomNo: '01' });
    expect(nobody.ok === false && nobody.error.message).toMatch(/请由值守人员确认，或由规定的岗位人员扫描胸卡并输入 PIN/);
    const both = dispatchApiCall(handlers, 'confirmStep', { confirmationId: 'seal-shown', roomNo: '01', actorStaffId: 'S1', confirmer: { badgeCode: 'KW-S1', pin: '246801' } });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(calls.length).toBe(before);
  });

  it('refuses a late admission without the approver\'s badge and PIN, before any handler runs', () => {
    const before = calls.length;
    const late = dispatchApiCall(handlers, 'admitWithReason', { roomNo: '01', ticketNo: 'T1', reason: 'late-approved', actorStaffId: 'S1' });
    expect(late.ok === false && late.error.message).toMatch(/迟到入场须由本考场主监考扫描胸卡并输入 PIN 批准/);
    expect(calls.length).toBe(before);
  });

  it('passes parsed input to the handler', () => {
    const result = dispatchApiCall(handlers, 'checkIn', { roomNo: ' 01 ', input: 'ABC', method: 'typed', actorStaffId: 'S1' });
    expect(result.ok).toBe(true);
    expect(calls.at(-1)).toEqual({ roomNo: '01', input: 'ABC', method: 'typed', actorStaffId: 'S1' });
  });

  it('turns a handler bug into an internal error without the details', () => {
    const result = dispatchApiCall(handlers, 'getRoomRoster', { roomNo: '01' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('110105');
  });
});

describe('createApiClient', () => {
  it('has every method of the contract and parses answers', async () => {
    const client = createApiClient(async (method, input) => dispatchApiCall(handlers, method, input));
    expect(Object.keys(client).sort()).toEqual([...API_METHODS].sort());
    expect(await client.verifyLog({})).toEqual({ ok: true, value: { ok: true, eventsChecked: 0, devices: 0 } });
  });

  it('rejects an answer that does not match the contract, and a transport failure', async () => {
    const liar = createApiClient(async () => ({ ok: true, value: { verdict: { kind: 'admitted' } } }));
    const answer = await liar.checkIn({ roomNo: '01', input: 'x', method: 'scanner', actorStaffId: 'S1' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    const down = createApiClient(async () => {
      throw new Error('ECONNREFUSED');
    });
    expect(await down.getDay({})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/无法连接/) } });
  });
});

describe('parseEvent', () => {
  it('refuses unknown types and payloads that do not match their type', () => {
    const base = {
      id: 'abcdef0123456789-1',
      deviceId: 'abcdef0123456789',
      seq: 1,
      at: '2026-11-25T08:00:00.000+08:00',
      actor: { staffId: 'system', name: '系统', role: 'system' },
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
      sig: 'b'.repeat(128),
    };
    expect(parseEvent({ ...base, type: 'nope', payload: {} })).toMatchObject({ ok: false });
    expect(parseEvent({ ...base, type: 'checkin.attempted', payload: { roomNo: '01' } })).toMatchObject({ ok: false });
    expect(parseEvent({ ...base, seq: 0, type: 'room.defined', payload: {} })).toMatchObject({ ok: false });
    const room = { room: { roomNo: '01', name: '第1考场', location: '', capacity: 30 } };
    expect(parseEvent({ ...base, type: 'room.defined', payload: room })).toMatchObject({ ok: true });
  });
});
