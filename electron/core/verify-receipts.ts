import type { KeyObject } from 'node:crypto';
import type { VerifyProblem } from '../../shared/api/contract';
import { headsSchema, PROTOCOL_VERSION, receiptIsAuthentic, type Receipt } from '../../shared/sync/protocol';
import type { Db } from './database';
import { sha256Hex, verifySignature } from './device-key';

interface ReceiptRow {
  id: number;
  receiver_device_id: string;
  heads: string;
  at: string;
  sig: string;
}

const short = (deviceId: string): string => deviceId.slice(0, 6);

/**
 * Receipts other devices signed for what they hold (sync_receipts, issue 10 item 2) against this
 * log: a receipt whose signature does not verify with its signer's key is reported (a forged or
 * altered receipt proves nothing), and so is this device's own log ending before what an authentic
 * receipt says its signer already received of it: the tail was cut after it was synced.
 * `keys` are the keys verify trusts (their ids checked); `heldSeq` is each device's last seq here.
 */
export function checkReceipts(db: Db, keys: ReadonlyMap<string, KeyObject>, ownDeviceId: string | undefined, heldSeq: ReadonlyMap<string, number>): VerifyProblem[] {
  const rows = db.prepare('SELECT id, receiver_device_id, heads, at, sig FROM sync_receipts ORDER BY id').all() as ReceiptRow[];
  const problems: VerifyProblem[] = [];
  let furthest: { seq: number; row: ReceiptRow } | undefined;
  for (const row of rows) {
    const signer = `设备 ${short(row.receiver_device_id)}`;
    let heads: unknown;
    try {
      heads = JSON.parse(row.heads);
    } catch {
      heads = undefined;
    }
    const parsed = headsSchema.safeParse(heads);
    if (!parsed.success) {
      problems.push({ kind: 'receipt', deviceId: row.receiver_device_id, message: `${signer}于 ${row.at} 签发的收据（第 ${row.id} 张）内容无法读取：收据被改动` });
      continue;
    }
    const receipt: Receipt = { kind: 'receipt', protocolVersion: PROTOCOL_VERSION, receiverDeviceId: row.receiver_device_id, heads: parsed.data, at: row.at, sig: row.sig };
    const key = keys.get(row.receiver_device_id);
    const authentic = key !== undefined && receiptIsAuthentic(receipt, { sha256Hex, verifySig: (_id, hash, sig) => verifySignature(key, hash, sig) });
    if (!authentic) {
      const why = key === undefined ? '本机没有该设备可信的公钥' : '签名与内容不符';
      problems.push({ kind: 'receipt', deviceId: row.receiver_device_id, message: `${signer}于 ${row.at} 签发的收据（第 ${row.id} 张）签名无效（${why}）：收据被伪造或改动` });
      continue;
    }
    const claimed = ownDeviceId === undefined ? undefined : parsed.data[ownDeviceId]?.seq;
    if (claimed !== undefined && claimed > (furthest?.seq ?? 0)) furthest = { seq: claimed, row };
  }
  const held = ownDeviceId === undefined ? 0 : (heldSeq.get(ownDeviceId) ?? 0);
  if (ownDeviceId !== undefined && furthest && furthest.seq > held) {
    problems.push({
      kind: 'receipt',
      deviceId: ownDeviceId,
      seq: held,
      message: `本机记录被截断：设备 ${short(furthest.row.receiver_device_id)} 于 ${furthest.row.at} 签发的收据表明它已收到本机第 ${furthest.seq} 条，本机只有到第 ${held} 条`,
    });
  }
  return problems;
}
