import type { Candidate } from '../domain/types';
import { normalizeIdInput } from '../id/id-number';
import type { CandidateMatch } from './door-api';

export type MatchKind = CandidateMatch['matchedBy'];

/**
 * How a door search query matches a candidate (issue 4 manual paths), or undefined. Digits: a seat
 * number (1–3 digits), the last 5 of the 准考证号, the last 6 of the ID number (its last may be X).
 * Letters: 拼音首字母 from the left (`initials` is the caller's: the pinyin table lives in the core).
 * 汉字: any part of the name. Pure.
 */
export function matchCandidate(candidate: Candidate, rawQuery: string, initials: string | undefined): MatchKind | undefined {
  const query = normalizeIdInput(rawQuery);
  if (query === '') return undefined;
  if (/^\d{1,3}$/.test(query)) return Number(query) === candidate.seatNo ? 'seat' : undefined;
  if (/^\d{5}$/.test(query)) return candidate.ticketNo.endsWith(query) ? 'ticket-tail' : undefined;
  if (/^\d{5}[\dX]$/.test(query)) return candidate.idNumber.toUpperCase().endsWith(query) ? 'id-tail' : undefined;
  if (/^[A-Z]+$/.test(query)) return initials?.toUpperCase().startsWith(query) ? 'initials' : undefined;
  // Names are matched as written (the normalised query lost its spaces and case only).
  const name = rawQuery.trim();
  return name !== '' && candidate.name.includes(name) ? 'name' : undefined;
}
