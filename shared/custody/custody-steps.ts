import type { StaffRole } from '../domain/types';
import type { BagKind } from './bags';

/**
 * Where a bag stands, following 附件5 from the 保密室 to marking (issue 13 item 3). A paper bag ends
 * `opened` in its room (or comes back unopened, a spare); a return bag goes on to marking.
 */
export const BAG_STATES = [
  'received', // 到达考点 (registered)
  'in-secure-room', // 存入保密室
  'with-examiner', // 主考领取 (S−50)
  'with-proctor', // 主监考签收
  'in-room', // 到达考场 (S−40)
  'seal-shown', // 验封 (S−5)
  'opened', // 启封
  'return-sealed', // 收卷装袋密封 (E)
  'accepted', // 考务办清点接收 (E+5)
  'office-sealed', // 考务办封存、双人签字
  'escorted', // 双人押送
  'delivered', // 交评卷
] as const;
export type BagState = (typeof BAG_STATES)[number];

export const CUSTODY_STEPS = ['store', 'take-out', 'issue', 'arrive', 'show-seal', 'open', 'seal-return', 'return', 'office-seal', 'escort', 'deliver'] as const;
export type CustodyStep = (typeof CUSTODY_STEPS)[number];

/** The parts a person plays in one step: hands over, receives, or (alone or with a second) does it. */
export const PARTY_PARTS = ['giver', 'receiver', 'performer'] as const;
export type PartyPart = (typeof PARTY_PARTS)[number];

/** Where the step happens (the 交接单 prints it). */
export const CUSTODY_PLACES = ['secure-room', 'office', 'room', 'transit', 'marking'] as const;
export type CustodyPlace = (typeof CUSTODY_PLACES)[number];

export const CUSTODY_PLACE_LABELS: Record<CustodyPlace, { zh: string; en: string }> = {
  'secure-room': { zh: '保密室', en: 'Secure room' },
  office: { zh: '考务办', en: 'Exam office' },
  room: { zh: '考场', en: 'Exam room' },
  transit: { zh: '押送途中', en: 'In transit' },
  marking: { zh: '评卷点', en: 'Marking centre' },
};

export const BAG_STATE_LABELS: Record<BagState, { zh: string; en: string }> = {
  received: { zh: '已到考点', en: 'Received at site' },
  'in-secure-room': { zh: '在保密室', en: 'In secure room' },
  'with-examiner': { zh: '主考已领取', en: 'With chief examiner' },
  'with-proctor': { zh: '主监考已签收', en: 'With chief proctor' },
  'in-room': { zh: '已到考场', en: 'In the room' },
  'seal-shown': { zh: '已验封', en: 'Seal shown' },
  opened: { zh: '已启封', en: 'Opened' },
  'return-sealed': { zh: '已装袋密封', en: 'Sealed for return' },
  accepted: { zh: '考务办已接收', en: 'Accepted by office' },
  'office-sealed': { zh: '考务办已封存', en: 'Sealed by office' },
  escorted: { zh: '押送中', en: 'Escorted out' },
  delivered: { zh: '已交评卷', en: 'Handed to marking' },
};

export const CUSTODY_STEP_LABELS: Record<CustodyStep, { zh: string; en: string }> = {
  store: { zh: '存入保密室', en: 'Store in secure room' },
  'take-out': { zh: '出保密室交主考', en: 'Out to chief examiner' },
  issue: { zh: '分发签收', en: 'Issue to room' },
  arrive: { zh: '到达考场', en: 'Arrive in room' },
  'show-seal': { zh: '验封', en: 'Show seal' },
  open: { zh: '启封', en: 'Open' },
  'seal-return': { zh: '装袋密封', en: 'Seal for return' },
  return: { zh: '交回考务办', en: 'Return to office' },
  'office-seal': { zh: '考务办封存签字', en: 'Office seals and signs' },
  escort: { zh: '押送出考点', en: 'Escort out' },
  deliver: { zh: '交评卷点', en: 'Hand to marking' },
};

/** Whether a bag of `kind` in `state` may take `step` (the people are checked when it is written). */
export function stepAllows(step: CustodyStep, kind: BagKind, state: BagState): boolean {
  const definition = STEP_DEFINITIONS[step];
  return definition.kinds.includes(kind) && definition.from.includes(state);
}

/** Who may play a part, by role; `roomProctor` also asks that they watch the bag's own room. */
export interface PartyRule {
  part: PartyPart;
  min: number;
  max: number;
  roles: readonly StaffRole[];
  roomProctor?: boolean;
}

export interface StepDefinition {
  step: CustodyStep;
  from: readonly BagState[];
  to: BagState;
  kinds: readonly BagKind[];
  place: CustodyPlace;
  /** The door laptop of the bag's room records these; the office laptop the rest (item 7). */
  recordedAt: 'office' | 'room';
  parties: readonly PartyRule[];
  /** Distinct people the step needs in all (附件4: 保密室双人, 专车双人押送). */
  twoPerson: boolean;
  /** The count must be checked against the bag's (签收、接收). */
  countChecked: boolean;
  /** The seal must be seen intact (and its number matched when the bag has one). */
  sealChecked: boolean;
}

const ALL_KINDS: readonly BagKind[] = ['paper', 'answer-sheet', 'spare', 'paper-return', 'answer-sheet-return'];
const OPENABLE: readonly BagKind[] = ['paper', 'answer-sheet', 'spare'];
const RETURN: readonly BagKind[] = ['paper-return', 'answer-sheet-return'];
const EXAMINERS: readonly StaffRole[] = ['chief-examiner', 'deputy-chief-examiner'];
const PROCTORS: readonly StaffRole[] = ['chief-proctor', 'second-proctor'];
const OFFICE: readonly StaffRole[] = ['chief-examiner', 'deputy-chief-examiner', 'exam-affairs', 'secrecy-officer'];
const SECURE_ROOM: readonly StaffRole[] = ['secrecy-officer', 'chief-examiner'];
const ANY_STAFF: readonly StaffRole[] = [
  'chief-examiner',
  'deputy-chief-examiner',
  'chief-proctor',
  'second-proctor',
  'roving-proctor',
  'exam-affairs',
  'secrecy-officer',
  'support',
  'quality-control',
];

/** 附件4 and 附件5 as a table: each step, from which states, by whom. */
export const STEP_DEFINITIONS: Record<CustodyStep, StepDefinition> = {
  store: {
    step: 'store',
    from: ['received'],
    to: 'in-secure-room',
    kinds: ALL_KINDS,
    place: 'secure-room',
    recordedAt: 'office',
    parties: [{ part: 'receiver', min: 2, max: 2, roles: SECURE_ROOM }],
    twoPerson: true,
    countChecked: false,
    sealChecked: true,
  },
  'take-out': {
    step: 'take-out',
    from: ['in-secure-room'],
    to: 'with-examiner',
    kinds: ALL_KINDS,
    place: 'secure-room',
    recordedAt: 'office',
    parties: [
      { part: 'giver', min: 1, max: 1, roles: ['secrecy-officer'] },
      { part: 'receiver', min: 1, max: 1, roles: EXAMINERS },
    ],
    twoPerson: true,
    countChecked: false,
    sealChecked: true,
  },
  issue: {
    step: 'issue',
    from: ['with-examiner'],
    to: 'with-proctor',
    kinds: ALL_KINDS,
    place: 'office',
    recordedAt: 'office',
    parties: [
      { part: 'giver', min: 1, max: 1, roles: EXAMINERS },
      { part: 'receiver', min: 1, max: 2, roles: PROCTORS, roomProctor: true },
    ],
    twoPerson: true,
    countChecked: true,
    sealChecked: true,
  },
  arrive: {
    step: 'arrive',
    from: ['with-proctor'],
    to: 'in-room',
    kinds: ALL_KINDS,
    place: 'room',
    recordedAt: 'room',
    parties: [{ part: 'performer', min: 1, max: 2, roles: PROCTORS, roomProctor: true }],
    twoPerson: false,
    countChecked: false,
    sealChecked: false,
  },
  'show-seal': {
    step: 'show-seal',
    from: ['in-room'],
    to: 'seal-shown',
    kinds: OPENABLE,
    place: 'room',
    recordedAt: 'room',
    parties: [{ part: 'performer', min: 1, max: 2, roles: PROCTORS, roomProctor: true }],
    twoPerson: false,
    countChecked: false,
    sealChecked: true,
  },
  open: {
    step: 'open',
    from: ['seal-shown'],
    to: 'opened',
    kinds: OPENABLE,
    place: 'room',
    recordedAt: 'room',
    parties: [{ part: 'performer', min: 1, max: 2, roles: PROCTORS, roomProctor: true }],
    twoPerson: false,
    countChecked: false,
    sealChecked: false,
  },
  'seal-return': {
    step: 'seal-return',
    from: ['in-room'],
    to: 'return-sealed',
    kinds: RETURN,
    place: 'room',
    recordedAt: 'room',
    parties: [{ part: 'performer', min: 2, max: 2, roles: PROCTORS, roomProctor: true }],
    twoPerson: true,
    countChecked: true,
    sealChecked: false,
  },
  return: {
    step: 'return',
    from: ['return-sealed', 'in-room', 'seal-shown'],
    to: 'accepted',
    kinds: ALL_KINDS,
    place: 'office',
    recordedAt: 'office',
    parties: [
      { part: 'giver', min: 1, max: 2, roles: PROCTORS, roomProctor: true },
      { part: 'receiver', min: 1, max: 1, roles: OFFICE },
    ],
    twoPerson: true,
    countChecked: true,
    sealChecked: true,
  },
  'office-seal': {
    step: 'office-seal',
    from: ['accepted'],
    to: 'office-sealed',
    kinds: ALL_KINDS,
    place: 'office',
    recordedAt: 'office',
    parties: [{ part: 'performer', min: 2, max: 2, roles: OFFICE }],
    twoPerson: true,
    countChecked: false,
    sealChecked: false,
  },
  escort: {
    step: 'escort',
    from: ['office-sealed'],
    to: 'escorted',
    kinds: ALL_KINDS,
    place: 'transit',
    recordedAt: 'office',
    parties: [{ part: 'performer', min: 2, max: 2, roles: ANY_STAFF }],
    twoPerson: true,
    countChecked: false,
    sealChecked: true,
  },
  deliver: {
    step: 'deliver',
    from: ['escorted'],
    to: 'delivered',
    kinds: ALL_KINDS,
    place: 'marking',
    recordedAt: 'office',
    parties: [{ part: 'giver', min: 1, max: 2, roles: ANY_STAFF }],
    twoPerson: false,
    countChecked: true,
    sealChecked: true,
  },
};
