import type { Candidate } from '../domain/types';
import { looksLikeIdNumber, maskIdNumber, normalizeIdInput, parseIdDocument } from '../id/id-number';
import type { ProjectionStore } from '../projection/store';
import type { CandidateSummary, CheckinVerdict } from './verdict';

export interface CheckinRequest {
  /** The room whose door this device guards. */
  roomNo: string;
  /** What the scanner sent or the proctor typed: a 准考证号 or an ID number. */
  input: string;
}

export interface CheckinDecision {
  verdict: CheckinVerdict;
  /** The candidate the input resolved to, when it did. */
  ticketNo?: string;
}

export function summarizeCandidate(candidate: Candidate): CandidateSummary {
  return {
    ticketNo: candidate.ticketNo,
    name: candidate.name,
    roomNo: candidate.roomNo,
    seatNo: candidate.seatNo,
    occupation: candidate.occupation,
    level: candidate.level,
    idMasked: maskIdNumber(candidate.idNumber),
  };
}

/** Keeps scanned text out of screens in full: it may be an ID number. */
function maskInput(input: string): string {
  return input.length > 8 ? maskIdNumber(input) : input;
}

function findCandidate(store: ProjectionStore, normalized: string): Candidate | undefined {
  return store.findCandidateByTicket(normalized) ?? store.findCandidateByIdNumber(normalized);
}

/**
 * The door verdict for one scan (第十九条: 准考证 and a valid ID). Pure: reads the projection,
 * writes nothing; the caller records the attempt as an event in the same transaction.
 */
export function decideCheckin(store: ProjectionStore, request: CheckinRequest): CheckinDecision {
  const normalized = normalizeIdInput(request.input);
  let candidate = store.findCandidateByTicket(normalized);
  if (!candidate && looksLikeIdNumber(normalized)) {
    // The exam date bounds the birth date: nobody sitting today was born after it.
    const examDate = store.getPlan()?.date;
    const parsed = parseIdDocument(normalized, undefined, examDate === undefined ? {} : { today: examDate });
    if (!parsed.ok) {
      return { verdict: { kind: 'invalid-id', reason: parsed.reason, inputMasked: maskInput(normalized) } };
    }
    candidate = store.findCandidateByIdNumber(parsed.number);
  }
  candidate ??= findCandidate(store, normalized);
  if (!candidate) return { verdict: { kind: 'not-on-roster', inputMasked: maskInput(normalized) } };

  const summary = summarizeCandidate(candidate);
  const ticketNo = candidate.ticketNo;
  const admission = store.getAdmission(ticketNo);
  if (admission) {
    return {
      ticketNo,
      verdict: {
        kind: 'already-admitted',
        candidate: summary,
        admittedAt: admission.at,
        admittedInRoomNo: admission.roomNo,
        admittedByDeviceId: admission.deviceId,
      },
    };
  }
  if (candidate.roomNo !== request.roomNo) return { ticketNo, verdict: { kind: 'wrong-room', candidate: summary } };
  return { ticketNo, verdict: { kind: 'admitted', candidate: summary } };
}
