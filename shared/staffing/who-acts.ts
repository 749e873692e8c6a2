import { refusalOf, refusalZh, type Refusal } from '../api/refusal';
import type { Actor, StaffMember } from '../domain/types';

/**
 * How a person proves who they are at a device. Today: the badge (胸卡) code scanned from its QR or
 * typed. The PIN of issue 11 joins here, so every "who acts" check keeps going through identifyActor.
 */
export interface ActorProof {
  badgeCode: string;
}

export type Identified<S> = { ok: true; staff: S } | { ok: false; reason: string; refusal: Refusal };

const notIdentified = (refusal: Refusal) => ({ ok: false as const, reason: refusalZh(refusal), refusal });

/** The staff member a proof names, or the refusal (coded, and in Chinese as `reason`). Badge codes are compared as printed (upper case). */
export function identifyActor<S extends Pick<StaffMember, 'badgeCode'>>(staff: readonly S[], proof: ActorProof): Identified<S> {
  const code = proof.badgeCode.trim().toUpperCase();
  if (code === '') return notIdentified(refusalOf('badge-missing'));
  if (!code.startsWith('KW-')) return notIdentified(refusalOf('badge-not-staff'));
  const found = staff.find((s) => s.badgeCode === code);
  return found ? { ok: true, staff: found } : notIdentified(refusalOf('badge-unknown'));
}

/** The actor an event records for a staff member who acts (their id, name and role as on the staff list). */
export const actorOf = (staff: Pick<StaffMember, 'staffId' | 'name' | 'role'>): Actor => ({ staffId: staff.staffId, name: staff.name, role: staff.role });
