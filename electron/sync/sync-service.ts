import { randomBytes } from 'node:crypto';
import type { Server } from 'node:https';
import { err, ok, type ApiResult } from '../../shared/api/result';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { SYSTEM_ACTOR, type Actor } from '../../shared/domain/types';
import { isExaminer } from '../../shared/staffing/roles';
import { encodePairingCode, encodePairingQr, formatFingerprint } from '../../shared/sync/pairing-code';
import { PairingOffers } from '../../shared/sync/pairing-offers';
import type { Core } from '../core/core';
import { keyFingerprintFor } from '../core/device-key';
import { fetchCaller, type CenterCaller } from './center-target';
import { CenterUploader } from './center-uploader';
import { directCaller, pairedOffice, pairWithOffice, syncOnce, type SyncCaller } from './door-client';
import { FindingsCache } from './findings-view';
import { listLanAddresses } from './lan-addresses';
import { handleSyncRequest } from './office-endpoint';
import { buildSealedSyncFile } from './sync-file';
import { importSyncFile, inspectSyncFile } from './sync-file-import';
import { peerStatus, readSetting, writeSetting } from './sync-log';
import { loadOrCreateTlsIdentity, type TlsIdentity } from './tls-identity';
import { startSyncServer } from './tls-transport';

/** A door syncs this often while it reaches its office (DESIGN: every few seconds, never in the way). */
export const DEFAULT_SYNC_INTERVAL_MS = 3_000;
/** A door that has not reached its office for this long says so, quietly. */
export const OUT_OF_TOUCH_MS = 60_000;
export const DEFAULT_SYNC_PORT = 5790;
/** How stale the status's count of open findings may be: reading the day's log on every poll would hold up scans. */
const FINDINGS_STATUS_MAX_AGE_MS = 15_000;
const LISTENER_SETTING = 'sync.listener';
const OFFICE_NAME = '考务办';

export interface SyncServiceOptions {
  /** The device's real record (never a rehearsal's): sync reads and writes it. */
  core: () => Core;
  intervalMs?: number;
  /** Tests put a fault injector between the door and the office here. */
  wrapCaller?: (call: SyncCaller) => SyncCaller;
  /** How the office reaches its center (tests put a fault injector here); fetch by default. */
  centerCaller?: CenterCaller;
}

type SyncHandlers = {
  [M in SyncMethod]: (input: ApiParsedInput<M>) => ApiResult<ApiOutput<M>>;
};
export type SyncMethod =
  | 'getSyncStatus'
  | 'startSyncListener'
  | 'stopSyncListener'
  | 'createPairingOffer'
  | 'pairWithOffice'
  | 'revokeDevice'
  | 'syncNow'
  | 'listFindings'
  | 'resolveFinding'
  | 'exportSyncFile'
  | 'inspectSyncFile'
  | 'importSyncFile'
  | 'getCenterLink'
  | 'enrolWithCenter'
  | 'pushToCenterNow';
export const SYNC_METHODS: readonly SyncMethod[] = [
  'getSyncStatus',
  'startSyncListener',
  'stopSyncListener',
  'createPairingOffer',
  'pairWithOffice',
  'revokeDevice',
  'syncNow',
  'listFindings',
  'resolveFinding',
  'exportSyncFile',
  'inspectSyncFile',
  'importSyncFile',
  'getCenterLink',
  'enrolWithCenter',
  'pushToCenterNow',
];

function actorFor(core: Core, staffId: string): Actor | undefined {
  const staff = core.store.getStaff(staffId);
  return staff ? { staffId: staff.staffId, name: staff.name, role: staff.role } : undefined;
}

/**
 * Site sync on this device (issue 10), beside its core: as the office, a TLS listener on the
 * address the 主考 chose, answering enrolled doors; as a door, a background round with its office
 * every few seconds. Nothing here ever holds up a check-in: each round's database work is a few
 * short transactions between network waits.
 */
export class SyncService {
  private identity: TlsIdentity | undefined;
  private server: Server | undefined;
  private listener: { host: string; port: number } | undefined;
  private listenerError: string | null = null;
  private readonly offers = new PairingOffers(() => randomBytes(5).toString('hex'));
  private readonly offerActors = new Map<string, Actor>();
  private pairing: { state: 'idle' | 'pairing' | 'failed' | 'paired'; message: string | null } = { state: 'idle', message: null };
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private lastOutcome: { at: Date; error: string | null } | undefined;
  private readonly findings = new FindingsCache();
  private closed = false;
  /** The office's upload to its center, at the same rhythm as the doors' rounds. */
  readonly center: CenterUploader;
  private listening: Promise<void> = Promise.resolve();
  readonly ready: Promise<void>;

  constructor(private readonly options: SyncServiceOptions) {
    const centerCaller = options.centerCaller ?? fetchCaller();
    this.center = new CenterUploader(() => this.core, () => centerCaller);
    this.ready = this.start();
  }

  private get core(): Core {
    return this.options.core();
  }

  private caller(): SyncCaller {
    if (!this.identity) throw new Error('sync identity not loaded');
    const direct = directCaller(this.identity);
    return this.options.wrapCaller ? this.options.wrapCaller(direct) : direct;
  }

  private async start(): Promise<void> {
    try {
      this.identity = await loadOrCreateTlsIdentity(this.core.dataDir, `ExamDay ${this.core.deviceId}`);
    } catch (error) {
      // Closed before the certificate was made (a short-lived host), or the folder is not writable.
      if (!this.closed) this.listenerError = `无法建立同步证书：${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    if (this.closed) return;
    const saved = readSetting(this.core.db, LISTENER_SETTING);
    if (saved) {
      const { host, port } = JSON.parse(saved) as { host: string; port: number };
      this.listening = this.listen(host, port);
      await this.listening;
    }
    this.timer = setInterval(() => {
      void this.tick();
      if (!this.closed) void this.center.tick();
    }, this.options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.stopServer();
  }

  /** One door round now, or the one already running; resolves when it ends (tests await it). */
  tick(): Promise<void> {
    this.round ??= this.runRound().finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  private async runRound(): Promise<void> {
    if (this.closed || !this.identity) return;
    const office = pairedOffice(this.core);
    if (!office) return;
    try {
      const outcome = await syncOnce(this.core, this.caller(), office);
      this.lastOutcome = { at: this.core.now(), error: outcome.ok ? null : outcome.reason };
    } catch (error) {
      // A bug, not a network fault: keep the door working and say so in the status.
      this.lastOutcome = { at: this.core.now(), error: `同步出错：${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async listen(host: string, port: number): Promise<void> {
    if (!this.identity) return;
    await this.stopServer();
    try {
      const identity = this.identity;
      this.server = await startSyncServer({
        identity,
        host,
        port,
        handle: async (op, body, peer) =>
          handleSyncRequest(
            { core: () => this.core, identity, offers: this.offers, officeName: OFFICE_NAME, offerActor: (token) => this.offerActors.get(token) },
            op,
            body,
            peer,
          ),
      });
      const address = this.server.address();
      this.listener = { host, port: typeof address === 'object' && address ? address.port : port };
      this.listenerError = null;
    } catch (error) {
      this.listener = undefined;
      const code = (error as NodeJS.ErrnoException).code;
      this.listenerError =
        code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请换一个端口` : code === 'EADDRNOTAVAIL' ? `本机没有地址 ${host}（网络已断开或地址已变）` : `无法开始监听：${code ?? String(error)}`;
    }
  }

  private async stopServer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.listener = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Resolves once the listener the 主考 last chose is up (or has failed, with its reason in the status). */
  async whenListening(): Promise<void> {
    await this.ready;
    await this.listening;
  }

  /** The listener's port once it listens (tests start it on port 0). */
  get listeningPort(): number | undefined {
    return this.listener?.port;
  }

  readonly handlers: SyncHandlers = {
    getSyncStatus: () => ok(this.status()),

    startSyncListener: ({ host, port, actorStaffId }) => {
      const examiner = this.examiner(actorStaffId);
      if (!examiner.ok) return examiner;
      const allowed = host === '127.0.0.1' || listLanAddresses().some((a) => a.address === host);
      if (!allowed) return err('refused', `本机没有网络地址 ${host}：请从列表中选择`);
      const chosen = port ?? DEFAULT_SYNC_PORT;
      writeSetting(this.core.db, LISTENER_SETTING, JSON.stringify({ host, port: chosen }));
      this.listening = this.listen(host, chosen);
      return ok({ host, port: chosen });
    },

    stopSyncListener: ({ actorStaffId }) => {
      const examiner = this.examiner(actorStaffId);
      if (!examiner.ok) return examiner;
      const wasListening = this.server !== undefined;
      writeSetting(this.core.db, LISTENER_SETTING, null);
      void this.stopServer();
      return ok({ stopped: wasListening });
    },

    createPairingOffer: ({ deviceName, roomNo, actorStaffId }) => {
      const examiner = this.examiner(actorStaffId);
      if (!examiner.ok) return examiner;
      if (!this.identity || !this.listener) return err('refused', '考务办尚未开始监听：请先在“设备与同步”中选择网络地址并开始');
      if (roomNo !== undefined && !this.core.store.getRoom(roomNo)) return err('not-found', `没有第 ${roomNo} 考场`);
      const offer = this.offers.create(this.core.now().getTime(), deviceName, roomNo);
      this.offerActors.set(offer.token, examiner.value);
      const pairing = { host: this.listener.host, port: this.listener.port, fingerprint: this.identity.fingerprint, token: offer.token };
      return ok({
        code: encodePairingCode(pairing),
        qr: encodePairingQr(pairing),
        expiresAt: new Date(offer.expiresAtMs).toISOString(),
        fingerprint: formatFingerprint(this.identity.fingerprint.slice(0, 16)),
      });
    },

    pairWithOffice: ({ code, deviceName, actorStaffId }) => {
      // A fresh door has no staff list until the office's record arrives: then the pairing is the system's.
      const actor = actorFor(this.core, actorStaffId) ?? SYSTEM_ACTOR;
      if (!this.identity) return err('refused', '同步证书尚未就绪，请稍候再试');
      if (this.pairing.state === 'pairing') return err('refused', '正在配对，请稍候');
      if (pairedOffice(this.core)) return err('refused', '本机已与考务办配对');
      this.pairing = { state: 'pairing', message: null };
      void pairWithOffice(this.core, this.identity, this.caller(), code, deviceName, actor)
        .then((outcome) => {
          this.pairing = outcome.ok ? { state: 'paired', message: null } : { state: 'failed', message: outcome.reason };
          if (outcome.ok) void this.tick();
        })
        .catch((error: unknown) => {
          this.pairing = { state: 'failed', message: `配对出错：${error instanceof Error ? error.message : String(error)}` };
        });
      return ok({ started: true });
    },

    revokeDevice: ({ deviceId, reason, examiner: proof }) => {
      const device = this.core.store.getEnrolledDevice(this.core.deviceId, deviceId);
      if (!device) return err('not-found', '没有这台已配对的设备');
      if (device.revoked) return err('refused', '这台设备已被停用');
      // Proven last: a request refused anyway costs no PIN try.
      const examiner = this.core.proveApproval(proof, 'device-revocation');
      if (!examiner.ok) return examiner;
      const [event] = this.core.commit([{ type: 'device.revoked', payload: { deviceId, reason }, actor: examiner.value }]);
      return ok({ eventId: event?.id ?? '' });
    },

    syncNow: () => {
      if (!pairedOffice(this.core)) return ok({ started: false });
      void this.tick();
      return ok({ started: true });
    },

    listFindings: () => ok({ findings: this.findings.view(this.core) }),

    resolveFinding: ({ findingId, reason, examiner: proof }) => {
      const finding = this.findings.view(this.core).find((f) => f.id === findingId);
      if (!finding) return err('not-found', '没有这条待处理的问题（可能已有新的情况，请刷新）');
      if (finding.resolution) return err('refused', `这条问题已由 ${finding.resolution.byName} 处理`);
      const examiner = this.core.proveApproval(proof, 'finding-resolution');
      if (!examiner.ok) return examiner;
      const [event] = this.core.commit([{ type: 'finding.resolved', payload: { findingId, reason }, actor: examiner.value }]);
      // Read again now, so the status's count (which may be a little stale) shows the answer at once.
      this.findings.view(this.core);
      return ok({ eventId: event?.id ?? '' });
    },

    exportSyncFile: ({ scope }) => {
      const built = buildSealedSyncFile(this.core, scope);
      return built.ok ? ok({ ...built.value, fingerprint: keyFingerprintFor(this.core.key.publicKeyHex) }) : built;
    },

    inspectSyncFile: ({ content, passphrase }) => inspectSyncFile(this.core, { content, passphrase }),

    importSyncFile: ({ content, passphrase, confirmedFingerprint, actorStaffId }) => {
      // Whoever is on duty carries the file in; the event names them (and that they compared the fingerprint).
      if (!this.core.store.getPlan()) return err('refused', '本机还没有考试日：请先导入考试日数据包或与考务办配对');
      const actor = actorFor(this.core, actorStaffId);
      if (!actor) return err('refused', '操作人员不在本考试日的工作人员名单中');
      return importSyncFile(this.core, { content, passphrase, confirmedFingerprint }, actor);
    },

    getCenterLink: () => ok(this.center.status()),

    enrolWithCenter: ({ url, code, siteName, actorStaffId }) => {
      const examiner = this.examiner(actorStaffId);
      if (!examiner.ok) return examiner;
      if (pairedOffice(this.core)) return err('refused', '门口电脑不直接上报中心：由考务办统一上报');
      return this.center.enrol(url, code, siteName);
    },

    pushToCenterNow: ({ actorStaffId }) => {
      const examiner = this.examiner(actorStaffId);
      if (!examiner.ok) return examiner;
      if (!this.center.linked) return err('refused', '本机尚未登记到中心：请先填写中心地址和登记码');
      void this.center.tick();
      return ok({ started: true });
    },
  };

  /** Who may run the site's sync: the 主考 or 副主考 (附件4: the exam office answers for the record). */
  private examiner(actorStaffId: string): ApiResult<Actor> {
    const actor = actorFor(this.core, actorStaffId);
    if (!actor) return err('refused', '操作人员不在本考试日的工作人员名单中');
    if (actor.role === 'system' || !isExaminer({ role: actor.role })) return err('refused', '只有主考或副主考可以管理设备与同步');
    return ok(actor);
  }

  private status(): ApiOutput<'getSyncStatus'> {
    const core = this.core;
    const office = pairedOffice(core);
    const peers = peerStatus(core.db);
    // What this device enrolled itself: the office's doors, or a door's office.
    const enrolled = core.store.listEnrolledDevices().filter((d) => d.recordedBy === core.deviceId);
    const isOffice = this.listener !== undefined || enrolled.some((d) => d.kind === 'door' && d.recordedBy === core.deviceId);
    const officePeer = office ? peers.get(office.deviceId) : undefined;
    const lastSyncAt = office ? (officePeer?.lastSyncAt ?? null) : latest([...peers.values()].map((p) => p.lastSyncAt));
    const nowMs = core.now().getTime();
    return {
      role: office ? 'door' : isOffice ? 'office' : 'unpaired',
      deviceId: core.deviceId,
      certificateFingerprint: this.identity ? formatFingerprint(this.identity.fingerprint.slice(0, 16)) : '',
      listener: this.listener ?? null,
      lanAddresses: listLanAddresses(),
      office: office?.address ? { deviceId: office.deviceId, name: office.name, host: office.address.host, port: office.address.port, lastSyncAt: officePeer?.lastSyncAt ?? null } : null,
      pairing: office && this.pairing.state !== 'failed' ? { state: 'paired', message: null } : this.pairing,
      lastSyncAt,
      lastError: office ? (this.lastOutcome?.error ?? officePeer?.lastError ?? null) : this.listenerError,
      outOfTouch: office !== undefined && (lastSyncAt === null || nowMs - Date.parse(lastSyncAt) > OUT_OF_TOUCH_MS),
      devices: enrolled.map((d) => ({
        deviceId: d.deviceId,
        name: d.name,
        kind: d.kind,
        roomNo: d.roomNo ?? null,
        fingerprint: keyFingerprintFor(d.publicKey),
        lastSyncAt: peers.get(d.deviceId)?.lastSyncAt ?? null,
        lastError: peers.get(d.deviceId)?.lastError ?? null,
        revoked: d.revoked !== undefined,
      })),
      // Only the office lists findings; there a count a few seconds old will do (the log is read again at most every 15 s).
      openFindings: isOffice && !office ? this.findings.view(core, { maxAgeMs: FINDINGS_STATUS_MAX_AGE_MS }).filter((f) => !f.resolution).length : 0,
    };
  }
}

const latest = (times: (string | null)[]): string | null =>
  times.reduce<string | null>((best, t) => (t !== null && (best === null || Date.parse(t) > Date.parse(best)) ? t : best), null);
