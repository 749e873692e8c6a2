import type { Candidate } from '../domain/types';
import { looksLikeIdNumber, maskIdNumber, normalizeIdInput } from '../id/id-number';

/**
 * Issue 11 item 5, less data for less time: what a door laptop keeps of a candidate's ID number once
 * the day's record has reached the office (or the center). The number itself goes; its last four
 * stay for lists (the mask), and a keyed hash (HMAC-SHA256 under a key only this device holds) stays
 * so that a scanned card still finds its candidate. `keyed` is that hash; the core supplies it.
 */
export type KeyedIdNumber = (idNumber: string) => string;

/** A purged ID number is its mask: every character but the last four is '*'. */
export function isPurgedIdNumber(idNumber: string): boolean {
  return idNumber.length > 4 && /^\*+$/.test(idNumber.slice(0, -4));
}

function redactCandidate(candidate: Candidate, keyed: KeyedIdNumber): Candidate {
  if (isPurgedIdNumber(candidate.idNumber)) return candidate;
  return { ...candidate, idNumber: maskIdNumber(candidate.idNumber), idNumberKeyed: keyed(candidate.idNumber) };
}

interface CheckinAttempt {
  input: { method: string; value: string };
  document?: string;
}

/**
 * A door attempt with what was scanned masked when it was an ID card (document 'id', or a value
 * shaped like an ID number); undefined when there is nothing to mask. A door that has purged
 * records its later scans this way too.
 */
export function redactCheckinAttempt<P extends CheckinAttempt>(payload: P): P | undefined {
  const { input } = payload;
  const scannedId = payload.document === 'id' || looksLikeIdNumber(normalizeIdInput(input.value));
  if (!scannedId || isPurgedIdNumber(input.value)) return undefined;
  return { ...payload, input: { ...input, value: maskIdNumber(normalizeIdInput(input.value)) } };
}

/**
 * An event's payload with its ID numbers purged, or undefined when it carries none: the roster's
 * numbers (candidate.registered, candidates.registered), and what the door scanned when it was an
 * ID card (checkin.attempted with document 'id', or a value shaped like an ID number). Other
 * payloads name candidates by 准考证号 only. Pure, so verify and the purge agree on the rule.
 */
export function redactPersonalFields(type: string, payload: unknown, keyed: KeyedIdNumber): unknown {
  switch (type) {
    case 'candidate.registered':
    case 'candidate.corrected': {
      const { candidate, ...rest } = payload as { candidate: Candidate };
      if (isPurgedIdNumber(candidate.idNumber)) return undefined;
      return { ...rest, candidate: redactCandidate(candidate, keyed) };
    }
    case 'candidates.registered': {
      const { candidates, ...rest } = payload as { candidates: Candidate[] };
      if (candidates.every((c) => isPurgedIdNumber(c.idNumber))) return undefined;
      return { ...rest, candidates: candidates.map((c) => redactCandidate(c, keyed)) };
    }
    case 'checkin.attempted':
      return redactCheckinAttempt(payload as CheckinAttempt);
    default:
      return undefined;
  }
}
