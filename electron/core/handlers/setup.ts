import { refuse } from '../../../shared/api/refusal';
import { err, ok } from '../../../shared/api/result';
import { DAY_PACKAGE_MAX_CHARS } from '../../../shared/api/contract';
import type { Room, StaffMember } from '../../../shared/domain/types';
import { planFromForm } from '../../../shared/setup/plan-form';
import { recheckRoster } from '../../../shared/setup/roster-import';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext, type CoreEnvironment, type PendingEvent } from '../core-context';
import { buildDayPackage, openDayPackage } from '../day-package';
import { newPassphrase, sealForDevice, sealWithPassphrase } from '../sealed-file';
import { recipientKeyOf } from '../recipient-key';
import { keyFingerprintFor } from '../device-key';
import { setupActor } from './setup-actor';
import { newPrintedCode } from '../printed-code';

/** Roster rows per 'candidates.registered' event (its schema's maximum). */
const CANDIDATES_PER_EVENT = 500;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A new badge code (胸卡码): "KW-" and 8 random characters, scanned from the badge's QR code. */
export const newBadgeCode = (): string => newPrintedCode('KW');

/** 考试设置 on the office device: plan, rooms, roster and staff, each saved as events; the day package. */
export function setupHandlers(
  ctx: CoreContext,
  env: CoreEnvironment,
): Pick<CoreHandlers, 'savePlan' | 'defineRooms' | 'importRoster' | 'registerStaff' | 'exportDayPackage' | 'inspectDayPackage'> {
  const { store } = ctx;
  return {
    savePlan: ({ plan: form, actorStaffId }) => {
      const actor = setupActor(store, actorStaffId);
      if (!actor.ok) return actor;
      const plan = planFromForm(form);
      return commitEvents(ctx, () => ({
        events: [{ type: 'plan.set', payload: { plan }, actor: actor.value }],
        result: ([event]) => ok({ planId: plan.planId, eventId: event?.id ?? '' }),
      }));
    },

    defineRooms: ({ rooms, actorStaffId }) => {
      const actor = setupActor(store, actorStaffId);
      if (!actor.ok) return actor;
      const numbers = new Set<string>();
      for (const room of rooms) {
        if (numbers.has(room.roomNo)) return refuse('room-no-twice', { roomNo: room.roomNo }, 'invalid-input');
        numbers.add(room.roomNo);
        const seated = store.listCandidatesInRoom(room.roomNo);
        const highest = seated.reduce((max, c) => Math.max(max, c.seatNo), 0);
        if (highest > room.capacity) return refuse('room-capacity-below-seats', { roomNo: room.roomNo, highest });
      }
      return commitEvents(ctx, () => ({
        events: rooms.map((room): PendingEvent => ({ type: 'room.defined', payload: { room }, actor: actor.value })),
        result: (committed) => ok({ rooms: committed.length }),
      }));
    },

    importRoster: ({ rooms, candidates, actorStaffId }) => {
      const actor = setupActor(store, actorStaffId);
      if (!actor.ok) return actor;
      const plan = store.getPlan();
      if (!plan) return refuse('roster-needs-plan');
      if (store.countCandidates() > 0) {
        return refuse('roster-already-imported');
      }
      const newRooms = new Map<string, Room>();
      for (const room of rooms) {
        if (newRooms.has(room.roomNo)) return refuse('room-no-twice', { roomNo: room.roomNo }, 'invalid-input');
        newRooms.set(room.roomNo, room);
      }
      const allRooms = new Map(store.listRooms().map((r) => [r.roomNo, r]));
      for (const room of newRooms.values()) allRooms.set(room.roomNo, room);
      const problems = recheckRoster(plan, [...allRooms.values()], candidates);
      if (problems.length > 0) return err('invalid-input', `名单未导入（没有任何改动）：${problems.join('；')}`);
      return commitEvents(ctx, () => ({
        events: [
          ...[...newRooms.values()].map((room): PendingEvent => ({ type: 'room.defined', payload: { room }, actor: actor.value })),
          ...chunks(candidates, CANDIDATES_PER_EVENT).map((chunk): PendingEvent => ({ type: 'candidates.registered', payload: { candidates: chunk }, actor: actor.value })),
        ],
        result: (committed) => ok({ rooms: newRooms.size, candidates: candidates.length, events: committed.length }),
      }));
    },

    registerStaff: ({ staff, actorStaffId }) => {
      const actor = setupActor(store, actorStaffId);
      if (!actor.ok) return actor;
      const rooms = new Set(store.listRooms().map((r) => r.roomNo));
      for (const member of staff) {
        if (member.roomNo !== undefined && !rooms.has(member.roomNo)) return refuse('staff-room-unknown', { name: member.name, roomNo: member.roomNo }, 'invalid-input');
      }
      // One person may be listed twice (two assignments); checkStaffing reports it, the store keeps one.
      const byId = new Map<string, StaffMember>();
      for (const member of staff) {
        const badgeCode = store.getStaff(member.staffId)?.badgeCode ?? byId.get(member.staffId)?.badgeCode ?? newBadgeCode();
        byId.set(member.staffId, { ...member, badgeCode });
      }
      return commitEvents(ctx, () => ({
        events: [...byId.values()].map((member): PendingEvent => ({ type: 'staff.registered', payload: { staff: member }, actor: actor.value })),
        result: (committed) => ok({ registered: committed.length }),
      }));
    },

    exportDayPackage: ({ forDeviceId }) => {
      const plan = store.getPlan();
      if (!plan) return refuse('package-needs-plan');
      if (store.countCandidates() === 0) return refuse('package-needs-roster');
      const key = env.deviceKey;
      const built = buildDayPackage(ctx.db, key, ctx.now());
      if (!built.ok) return built;
      // Only the sealed file leaves this call: to the chosen door's key when pairing told it (no
      // passphrase), else with a passphrase that goes to the office screen and nowhere else.
      const door = forDeviceId === undefined ? undefined : store.listEnrolledDevices().find((d) => d.deviceId === forDeviceId && d.kind === 'door' && !d.revoked);
      if (forDeviceId !== undefined && !door) return refuse('package-door-unknown', {}, 'not-found');
      const recipient = door ? recipientKeyOf(ctx.db, store, door.deviceId) : undefined;
      const passphrase = recipient ? null : newPassphrase();
      const content = recipient ? sealForDevice('day-package', built.value.content, recipient, key) : sealWithPassphrase('day-package', built.value.content, passphrase!, key);
      if (content.length > DAY_PACKAGE_MAX_CHARS) return refuse('package-too-large');
      const { fileName, events, photos } = built.value;
      const sealedFor = recipient && door ? { deviceId: door.deviceId, name: door.name } : null;
      return ok({ fileName, content, passphrase, sealedFor, events, photos, bytes: Buffer.byteLength(content), fingerprint: keyFingerprintFor(key.publicKeyHex) });
    },

    inspectDayPackage: ({ content, passphrase }) => {
      const verified = openDayPackage(content, { passphrase, deviceKey: env.deviceKey });
      if (!verified.ok) return verified;
      const pkg = verified.value;
      return ok({
        officeDeviceId: pkg.officeDeviceId,
        fingerprint: keyFingerprintFor(pkg.officePublicKey),
        planName: pkg.planName,
        events: pkg.events.length,
        photos: pkg.photos.length,
      });
    },
  };
}
