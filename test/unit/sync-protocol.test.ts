import { describe, expect, it } from 'vitest';
import {
  MAX_BATCH_EVENTS,
  MAX_HEADS_DEVICES,
  PROTOCOL_VERSION,
  dayMismatch,
  parseSyncMessage,
  receiptIsAuthentic,
  receiptSigningInput,
  signReceipt,
  type UnsignedReceipt,
} from '../../shared/sync/protocol';
import { TestDevice, batchCryptoFor, sha256Hex } from '../support/signed-chain';

const day = { planId: 'FIXTURE', date: '2026-11-25', organisation: '北京市测试职业技能培训学校' };
const head = { seq: 3, hash: 'a'.repeat(64) };

describe('sync protocol messages', () => {
  it('accepts a well-formed pull and refuses one from another version with the reason', () => {
    const pull = { kind: 'pull', protocolVersion: PROTOCOL_VERSION, heads: { '0123456789abcdef': head }, maxEvents: 500 };
    expect(parseSyncMessage('pull', pull).ok).toBe(true);
    const other = parseSyncMessage('pull', { ...pull, protocolVersion: PROTOCOL_VERSION + 1 });
    expect(other).toMatchObject({ ok: false, refusal: { reason: 'version-mismatch' } });
    expect(other.ok ? '' : other.refusal.message).toContain('同步协议版本不一致');
  });

  it.each([
    ['a device id that is not 16 hex', { ABC: head }],
    ['a seq below 1', { '0123456789abcdef': { seq: 0, hash: head.hash } }],
    ['a short hash', { '0123456789abcdef': { seq: 1, hash: 'abc' } }],
  ])('refuses heads with %s as malformed', (_label, heads) => {
    const parsed = parseSyncMessage('pull', { kind: 'pull', protocolVersion: PROTOCOL_VERSION, heads, maxEvents: 10 });
    expect(parsed).toMatchObject({ ok: false, refusal: { reason: 'malformed' } });
  });

  it('refuses a heads vector over the device bound and a batch over the event bound as too large', () => {
    const heads = Object.fromEntries(Array.from({ length: MAX_HEADS_DEVICES + 1 }, (_, i) => [i.toString(16).padStart(16, '0'), head]));
    expect(parseSyncMessage('pull', { kind: 'pull', protocolVersion: PROTOCOL_VERSION, heads, maxEvents: 10 })).toMatchObject({
      ok: false,
      refusal: { reason: 'too-large' },
    });
    const events = Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => ({}));
    expect(parseSyncMessage('batch', { kind: 'batch', protocolVersion: PROTOCOL_VERSION, events, more: false })).toMatchObject({
      ok: false,
      refusal: { reason: 'too-large' },
    });
    expect(parseSyncMessage('pull', { kind: 'pull', protocolVersion: PROTOCOL_VERSION, heads: {}, maxEvents: MAX_BATCH_EVENTS + 1 })).toMatchObject({
      ok: false,
      refusal: { reason: 'too-large' },
    });
  });

  it('refuses a message of another kind than expected, and one without a version', () => {
    expect(parseSyncMessage('push', { kind: 'pull', protocolVersion: PROTOCOL_VERSION })).toMatchObject({ ok: false, refusal: { reason: 'malformed' } });
    expect(parseSyncMessage('hello', { kind: 'hello', day })).toMatchObject({ ok: false, refusal: { reason: 'malformed' } });
  });

  it('refuses to sync two different exam days', () => {
    expect(dayMismatch(day, { ...day })).toBeUndefined();
    expect(dayMismatch(day, { ...day, date: '2026-11-26' })).toMatchObject({ reason: 'wrong-day' });
  });

  it('signs a receipt over its canonical bytes, so a changed head fails verification', () => {
    const office = new TestDevice('office');
    const unsigned: UnsignedReceipt = {
      kind: 'receipt',
      protocolVersion: PROTOCOL_VERSION,
      receiverDeviceId: office.deviceId,
      heads: { '0123456789abcdef': head },
      at: '2026-11-25T08:00:00.000Z',
    };
    // Key order must not change the signed bytes.
    expect(receiptSigningInput({ at: unsigned.at, heads: unsigned.heads, receiverDeviceId: office.deviceId, protocolVersion: 1, kind: 'receipt' })).toBe(
      receiptSigningInput(unsigned),
    );
    const receipt = signReceipt(unsigned, { sha256Hex, signHash: (h) => office.signHash(h) });
    const crypto = { sha256Hex, verifySig: batchCryptoFor([office]).verifySig };
    expect(parseSyncMessage('receipt', receipt).ok).toBe(true);
    expect(receiptIsAuthentic(receipt, crypto)).toBe(true);
    expect(receiptIsAuthentic({ ...receipt, heads: { '0123456789abcdef': { ...head, seq: 500 } } }, crypto)).toBe(false);
  });
});
