import { refusalOf, refusalZh, type Refusal } from '../api/refusal';
import type { Candidate, ExamPlan } from '../domain/types';

type Session = NonNullable<Candidate['session']>;

/**
 * The session a candidate is booked for when it is not this plan's (another date or start time), or
 * undefined. A roster may carry candidates of other sessions so the door can send one who came on
 * the wrong day away (verdict wrong-session); no session on the candidate means the plan's own.
 */
export function otherSession(candidate: Pick<Candidate, 'session'>, plan: Pick<ExamPlan, 'date' | 'startTime'>): Session | undefined {
  const session = candidate.session;
  return session !== undefined && (session.date !== plan.date || session.startTime !== plan.startTime) ? session : undefined;
}

/** The refusal of a manual admission for a candidate of another session. */
export function otherSessionRefusalCoded(candidate: Pick<Candidate, 'name'>, session: Session): Refusal {
  return refusalOf('other-session', { name: candidate.name, date: session.date, startTime: session.startTime });
}
export const otherSessionRefusal = (candidate: Pick<Candidate, 'name'>, session: Session): string => refusalZh(otherSessionRefusalCoded(candidate, session));
