import type { Candidate, ExamPlan, IdDocumentType } from '../domain/types';
import { looksLikeIdNumber, maskIdNumber, normalizeIdInput, parseIdDocument } from '../id/id-number';
import type { CandidateWithdrawal, DoorPending, ProjectionStore } from '../projection/store';
import { lateCutoff } from '../timetable/gates';
import { otherSession } from './session';
import { extractTicketNumber } from './ticket-code';
import type { CandidateSummary, CheckinDocument, CheckinVerdict } from './verdict';

export interface CheckinRequest {
  /** The room whose door this device guards. */
  roomNo: string;
  /** What the scanner sent or the proctor typed: a 准考证 code or an ID number. */
  input: string;
  /** The device the door runs on: a half-done pair belongs to (room, device). Default ''. */
  deviceId?: string;
  /**
   * The core's clock: for the late cut-off and the pair's time-out. Without it neither applies
   * (tests of the other rules).
   */
  now?: Date;
}

export interface CheckinDecision {
  verdict: CheckinVerdict;
  /** The candidate the input resolved to, when it did. */
  ticketNo?: string;
  /** Which of that candidate's documents the input was. */
  document?: CheckinDocument;
}

/** A scanned document waits this long for its partner; after it the door starts afresh. */
export const PAIR_TIMEOUT_MS = 60_000;

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

type Resolved =
  | { found: true; candidate: Candidate; document: CheckinDocument; idType?: IdDocumentType }
  | { found: false; verdict: CheckinVerdict; document?: CheckinDocument };

/**
 * 退考: the 准考证 or the ID card of a candidate taken off the roster, told as such rather than
 * 不在名单. The attempt names the candidate and the document, so a half-done pair ends.
 */
function withdrawnScan(withdrawal: CandidateWithdrawal, document: CheckinDocument): Resolved {
  const { ticketNo, name, roomNo, seatNo, occupation, level, idMasked } = withdrawal;
  return {
    found: false,
    document,
    verdict: {
      kind: 'withdrawn',
      candidate: { ticketNo, name, roomNo, seatNo, occupation, level, ...(idMasked === undefined ? {} : { idMasked }) },
      withdrawnAt: withdrawal.at,
      withdrawnByName: withdrawal.by.name,
      reason: withdrawal.reason,
    },
  };
}

/** An ID number that names no candidate: a withdrawn one's (已退考), else nobody's. */
function notACandidate(store: ProjectionStore, idNumber: string): Resolved {
  const withdrawal = store.findWithdrawalByIdNumber(idNumber);
  if (withdrawal) return withdrawnScan(withdrawal, 'id');
  return { found: false, verdict: { kind: 'not-on-roster', inputMasked: maskInput(idNumber) } };
}

/** Which candidate and which document a scan is, or the verdict when it is neither. */
function resolveInput(store: ProjectionStore, plan: ExamPlan | undefined, normalized: string): Resolved {
  const ticketText = extractTicketNumber(normalized, plan?.ticketPattern);
  const byTicket = store.findCandidateByTicket(ticketText);
  if (byTicket) return { found: true, candidate: byTicket, document: 'ticket' };
  const withdrawal = store.getCandidateWithdrawal(ticketText);
  if (withdrawal) return withdrawnScan(withdrawal, 'ticket');
  if (ticketText !== normalized) {
    // The code named a 准考证号 outright, and it is not on this roster.
    return { found: false, verdict: { kind: 'not-on-roster', inputMasked: maskInput(ticketText) } };
  }
  const accepted = plan?.acceptedIdTypes;
  if (looksLikeIdNumber(normalized)) {
    // The exam date bounds the birth date: nobody sitting today was born after it.
    const parsed = parseIdDocument(normalized, undefined, plan === undefined ? {} : { today: plan.date });
    if (!parsed.ok) return { found: false, verdict: { kind: 'invalid-id', reason: parsed.reason, code: parsed.code, inputMasked: maskInput(normalized) } };
    const candidate = store.findCandidateByIdNumber(parsed.number);
    // A document of a type the plan refuses is refused first, whoever it names (withdrawn or not).
    if (accepted && !accepted.includes(parsed.type)) {
      return {
        found: false,
        verdict: {
          kind: 'id-type-not-accepted',
          ...(candidate ? { candidate: summarizeCandidate(candidate) } : {}),
          idType: parsed.type,
          accepted,
        },
      };
    }
    if (candidate) return { found: true, candidate, document: 'id', idType: parsed.type };
    return notACandidate(store, parsed.number);
  }
  // Another document's number, matched as the roster wrote it. A candidate's type is checked after
  // who they are (decideCheckin), so 已退考, which says who, comes first here too.
  const byId = store.findCandidateByIdNumber(normalized);
  if (byId) return { found: true, candidate: byId, document: 'id', idType: byId.idType };
  return notACandidate(store, normalized);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const clockOf = (minutes: number): string => `${pad(Math.floor(minutes / 60) % 24)}:${pad(Math.floor(minutes % 60))}`;

function freshPending(store: ProjectionStore, request: CheckinRequest): DoorPending | undefined {
  const pending = store.getDoorPending(request.roomNo, request.deviceId ?? '');
  if (!pending || !request.now) return pending;
  return request.now.getTime() - Date.parse(pending.at) > PAIR_TIMEOUT_MS ? undefined : pending;
}

/**
 * The door verdict for one scan (第十九条: 准考证 and a valid ID; DESIGN: check-in verdicts). Pure:
 * reads the projection, writes nothing; the caller records the attempt as an event in the same
 * transaction, and that event sets or ends the door's half-done pair (projection/apply-event.ts).
 *
 * In order: a scan that names nobody on the roster (withdrawn, not-on-roster, invalid-id, id-type-not-accepted); a
 * document of someone other than the one already waiting (mismatch); already admitted; another
 * session; another room; then, when the plan asks for both documents and this one has no partner
 * yet, awaiting-id / awaiting-ticket; once the pair is complete (or one document suffices), late
 * after the cut-off on the exam's date, else admitted.
 */
export function decideCheckin(store: ProjectionStore, request: CheckinRequest): CheckinDecision {
  const plan = store.getPlan();
  const resolved = resolveInput(store, plan, normalizeIdInput(request.input));
  if (!resolved.found) {
    const v = resolved.verdict;
    // A known candidate with a document of the wrong type ends their wait too; so does a withdrawn one's document.
    if (v.kind === 'id-type-not-accepted' && v.candidate) return { verdict: v, ticketNo: v.candidate.ticketNo, document: 'id' };
    if (v.kind === 'withdrawn' && resolved.document) return { verdict: v, ticketNo: v.candidate.ticketNo, document: resolved.document };
    return { verdict: v };
  }
  const { candidate, document } = resolved;
  const ticketNo = candidate.ticketNo;
  const summary = summarizeCandidate(candidate);
  const decided = (verdict: CheckinVerdict): CheckinDecision => ({ verdict, ticketNo, document });

  const pending = freshPending(store, request);
  if (pending && pending.document !== document && pending.ticketNo !== ticketNo) {
    const other = store.findCandidateByTicket(pending.ticketNo);
    if (other) {
      const [ticketCandidate, idCandidate] = document === 'ticket' ? [candidate, other] : [other, candidate];
      return decided({ kind: 'mismatch', ticketCandidate: summarizeCandidate(ticketCandidate), idCandidate: summarizeCandidate(idCandidate) });
    }
  }

  const admission = store.getAdmission(ticketNo);
  if (admission) {
    return decided({
      kind: 'already-admitted',
      candidate: summary,
      admittedAt: admission.at,
      admittedInRoomNo: admission.roomNo,
      admittedByDeviceId: admission.deviceId,
      admittedAtDoor: store.listEnrolledDevices().find((d) => d.deviceId === admission.deviceId)?.name ?? null,
      admittedByName: store.getStaff(admission.actorStaffId)?.name ?? null,
    });
  }
  const session = plan ? otherSession(candidate, plan) : undefined;
  if (session) return decided({ kind: 'wrong-session', candidate: summary, session });
  if (candidate.roomNo !== request.roomNo) return decided({ kind: 'wrong-room', candidate: summary });
  if (plan && !plan.acceptedIdTypes.includes(candidate.idType) && document === 'id') {
    return decided({ kind: 'id-type-not-accepted', candidate: summary, idType: candidate.idType, accepted: plan.acceptedIdTypes });
  }

  const bothNeeded = (plan?.requiredDocuments ?? 'ticket-and-id') === 'ticket-and-id';
  const pairComplete = pending !== undefined && pending.ticketNo === ticketNo && pending.document !== document;
  if (bothNeeded && !pairComplete) {
    const since = request.now ?? new Date(0);
    const expiresAt = new Date(since.getTime() + PAIR_TIMEOUT_MS).toISOString();
    return decided(document === 'ticket' ? { kind: 'awaiting-id', candidate: summary, expiresAt } : { kind: 'awaiting-ticket', candidate: summary, expiresAt });
  }

  const cutoff = plan && request.now ? lateCutoff(plan, request.now) : undefined;
  if (cutoff?.passed) return decided({ kind: 'late', candidate: summary, lateFrom: clockOf(cutoff.lateFrom) });
  return decided({ kind: 'admitted', candidate: summary });
}
