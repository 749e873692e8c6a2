import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { Core } from '../../electron/core/core';
import { rowToRawEvent, type EventRow } from '../../electron/core/event-log';
import { SignaturePool } from '../../electron/core/signature-pool';
import { fixtureDay } from '../support/fixture-day';
import { openWriterAndReceiver } from '../support/writer-and-receiver';

const day = fixtureDay(20);

describe('sync ingestion with signatures pre-checked on the worker pool', () => {
  let writer: Core;
  let receiver: Core;
  let close: () => void;
  const pool = new SignaturePool(2);

  beforeEach(() => {
    ({ writer, receiver, close } = openWriterAndReceiver(day));
  });
  afterEach(async () => {
    close();
    await pool.close();
  });

  const batchOf = (core: Core) => ({
    devices: [{ deviceId: core.deviceId, publicKeyHex: core.key.publicKeyHex }],
    events: (core.db.prepare('SELECT * FROM events ORDER BY seq').all() as EventRow[]).map(rowToRawEvent),
  });

  it('stores a genuine batch, and refuses an event re-signed with another key from that event on', async () => {
    const batch = batchOf(writer);
    const forger = generateKeyPairSync('ed25519');
    const at = 10;
    const forged = batch.events[at] as { hash: string; sig: string };
    forged.sig = sign(null, Buffer.from(forged.hash, 'hex'), forger.privateKey).toString('hex');
    const preverified = await receiver.foreign.preverify(batch, pool);
    // Checked ahead: the batch's last signature, and the forged one (the next event's sealed link no
    // longer covers it, chain-link.ts); the rest are vouched for by sealed links. Only the last is valid.
    expect(preverified.size).toBe(1);
    const received = receiver.foreign.receive(batch, writer.deviceId, preverified);
    expect(received).toMatchObject({ stored: at });
    expect('rejected' in received && received.rejected[0]).toMatchObject({ index: at, reason: expect.stringMatching(/签名无效/) });
  });

  it('never trusts a pre-checked result for another key: a batch offering a forger key for the device is refused', async () => {
    const batch = batchOf(writer);
    const forger = generateKeyPairSync('ed25519');
    const forgerHex = forger.publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
    for (const raw of batch.events as { hash: string; sig: string }[]) raw.sig = sign(null, Buffer.from(raw.hash, 'hex'), forger.privateKey).toString('hex');
    const offered = { ...batch, devices: [{ deviceId: writer.deviceId, publicKeyHex: forgerHex }] };
    const preverified = await receiver.foreign.preverify(offered, pool);
    expect(preverified.size).toBe(batch.events.length);
    expect(receiver.foreign.receive(offered, writer.deviceId, preverified)).toEqual({ refused: expect.stringMatching(/标识与公钥不符/) });
    // With the genuine key pinned first, the forger's signatures, checked against the pinned key, fail.
    expect(receiver.foreign.pin(batchOf(writer).devices)).toEqual({ ok: true });
    const again = await receiver.foreign.preverify({ ...batch, devices: [] }, pool);
    expect(again.size).toBe(0);
    const received = receiver.foreign.receive({ ...batch, devices: [] }, writer.deviceId, preverified);
    expect(received).toMatchObject({ stored: 0 });
    expect('rejected' in received && received.rejected[0]).toMatchObject({ index: 0, reason: expect.stringMatching(/签名无效/) });
  });
});
