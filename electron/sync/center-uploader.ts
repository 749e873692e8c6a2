import { err, ok, type ApiResult } from '../../shared/api/result';
import { enrolmentCodeSchema } from '../../shared/center/center-protocol';
import type { CenterLinkStatus } from '../../shared/center/center-target-api';
import type { Core } from '../core/core';
import { centerLink, enrolWithCenter, pushPhotosToCenter, pushToCenter, type CenterCaller } from './center-target';
import { latestReceipt } from './sync-log';

type Enrolment = CenterLinkStatus['enrolment'];
interface RoundOutcome {
  at: string;
  pushed: number | null;
  error: string | null;
}

/**
 * The office's upload to its center (issue 14), run from the 设备与同步 screen: enrolment in the
 * background (the center is across the internet and may be slow), then a round at every tick of the
 * site sync. A round that fails leaves nothing half-done: the next one starts again from the
 * center's heads (center-target.ts). Each round is a few short reads of the office's log between
 * network waits, so the doors' sync and the office's screens are never held up.
 */
export class CenterUploader {
  private enrolment: Enrolment = { state: 'idle', message: null };
  private round: Promise<void> | undefined;
  private lastSuccess: RoundOutcome | undefined;
  private lastFailure: RoundOutcome | undefined;
  /** The center has had every photo it asked for that we hold; new photos come with new events. */
  private photosSettled = false;

  constructor(
    private readonly core: () => Core,
    private readonly call: () => CenterCaller,
  ) {}

  /** Starts enrolling; the caller has checked who may. */
  enrol(url: string, typedCode: string, siteName: string): ApiResult<{ started: boolean }> {
    const code = enrolmentCodeSchema.safeParse(typedCode);
    if (!code.success) return err('invalid-input', code.error.issues[0]?.message ?? '登记码格式错误');
    if (this.enrolment.state === 'enrolling') return err('refused', '正在登记到中心，请稍候');
    this.enrolment = { state: 'enrolling', message: null };
    const base = url.replace(/\/+$/, '');
    void enrolWithCenter(this.core(), this.call(), base, code.data, siteName)
      .then((outcome) => {
        this.enrolment = outcome.ok ? { state: 'enrolled', message: null } : { state: 'failed', message: `登记失败：${outcome.reason}` };
        if (outcome.ok) {
          this.lastSuccess = undefined;
          this.lastFailure = undefined;
          void this.tick();
        }
      })
      .catch((error: unknown) => {
        this.enrolment = { state: 'failed', message: `登记出错：${error instanceof Error ? error.message : String(error)}` };
      });
    return ok({ started: true });
  }

  /** One upload round now, or the one already running; resolves when it ends. Nothing to do before enrolment. */
  tick(): Promise<void> {
    this.round ??= this.runRound().finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  get linked(): boolean {
    return centerLink(this.core()) !== undefined;
  }

  private async runRound(): Promise<void> {
    const core = this.core();
    if (!centerLink(core)) return;
    try {
      const outcome = await pushToCenter(core, this.call());
      // The photos follow once the center holds the events that name them; a round that pushed no
      // event names no new photo, so once settled the center is not asked again every tick.
      const photos = outcome.ok && (!this.photosSettled || outcome.pushed > 0) ? await pushPhotosToCenter(core, this.call()) : undefined;
      if (photos) this.photosSettled = photos.ok;
      const at = core.now().toISOString();
      if (outcome.ok) {
        this.lastSuccess = { at, pushed: outcome.pushed, error: null };
        this.lastFailure = photos && !photos.ok ? { at, pushed: null, error: `照片上报失败：${photos.reason}` } : undefined;
      } else {
        this.lastFailure = { at, pushed: null, error: outcome.reason };
      }
    } catch (error) {
      // A bug, not a network fault: keep the office working and say so on the screen.
      this.lastFailure = { at: core.now().toISOString(), pushed: null, error: `上传中心出错：${error instanceof Error ? error.message : String(error)}` };
    }
  }

  status(): CenterLinkStatus {
    const core = this.core();
    const link = centerLink(core);
    // After a restart, the newest receipt the center signed says when it last took events from us.
    const lastPushAt = this.lastSuccess?.at ?? (link ? (latestReceipt(core.db, link.centerDeviceId)?.at ?? null) : null);
    return {
      link: link ? { url: link.url, organisation: link.organisation, centerDeviceId: link.centerDeviceId } : null,
      enrolment: this.enrolment,
      pushing: this.round !== undefined,
      lastPushAt,
      lastPushed: this.lastSuccess?.pushed ?? null,
      lastError: this.lastFailure?.error ?? null,
      lastErrorAt: this.lastFailure?.at ?? null,
    };
  }
}
