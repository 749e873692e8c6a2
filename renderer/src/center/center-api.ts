import type { z } from 'zod';
import { err, type ApiResult } from '../../../shared/api/result';
import type { ExportOverride } from '../../../shared/center/center-results';
import { centerRoomRecordSchema, type CenterRoomRecord } from '../../../shared/center/center-room-record';
import type { CenterRoleName } from '../../../shared/center/center-roles';
import type { DayRetentionView, RetentionSettings } from '../../../shared/center/retention';
import type { ResultRow } from '../../../shared/record/results';
import type { Finding } from '../../../shared/sync/findings';

/** The center's web API (electron/center/http/web-api.ts) as the page calls it: same origin, cookie session, CSRF header. */
export interface Me {
  username: string;
  role: CenterRoleName;
  csrf: string;
}

export interface DaySummary {
  dayKey: string;
  organisation: string;
  date: string;
  planId: string;
  planName: string;
  devices: number;
  lastReceivedAt: string | null;
  rooms: number;
  unsignedRooms: number;
  openFindings: number;
  custodyProblems: number;
}

export interface RoomSummary {
  roomNo: string;
  name: string;
  candidates: number;
  admitted: number;
  absent: number;
  cheating: number;
  signed: boolean;
}

export interface DayView {
  dayKey: string;
  day: { organisation: string; date: string; planId: string };
  planName: string;
  devices: number;
  lastReceivedAt: string | null;
  rooms: RoomSummary[];
  findings: Finding[];
  custody: {
    bags: number;
    dayClosed: boolean;
    reconciliation: { reconciled: boolean; problems: { bagCode: string; roomNo: string | null; message: string; signed: boolean }[] };
    timeline: { code: string; kind: string; roomNo: string | null; state: string; since: string; history: { step: string; at: string }[] }[];
  };
  candidates: ResultRow[];
  /** Reviewers' signed overrides letting results be exported with findings open. */
  overrides: ExportOverride[];
  /** Why results may not be exported now; null when they may. */
  exportBlocked: string | null;
  canResolve: boolean;
  canOverride: boolean;
  canSeeFullId: boolean;
  canExport: boolean;
  canArchive: boolean;
}

export interface CenterUser {
  username: string;
  role: CenterRoleName;
  createdAt: string;
  disabledAt: string | null;
}

export interface EnrolmentCode {
  codeHash: string;
  organisation: string;
  createdAt: string;
  expiresAt: string;
  hint: string | null;
  issuedBy: string | null;
  revokedAt: string | null;
}

export interface AdminAction {
  at: string;
  username: string;
  action: 'add-user' | 'reset-password' | 'disable-user' | 'enable-user' | 'issue-code' | 'revoke-code';
  subject: string;
}

/** How long one day's material is kept (electron/center/center-retention.ts). */
export type DayRetention = DayRetentionView;

export interface RetentionOverview {
  settings: RetentionSettings;
  setBy: { name: string; at: string; eventId: string } | null;
  days: (DayRetention & { dayKey: string; organisation: string; date: string; planId: string })[];
}

let csrf = '';
export const setCsrf = (token: string): void => {
  csrf = token;
};

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(method === 'POST' ? { 'x-csrf-token': csrf } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as ApiResult<T>;
  } catch {
    return { ok: false, error: { code: 'internal', message: '无法连接中心服务' } };
  }
}

/** An answer parsed with its schema before the page reads it: what crosses the network is checked at runtime. */
async function checked<T>(answer: Promise<ApiResult<unknown>>, schema: z.ZodType<T>): Promise<ApiResult<T>> {
  const result = await answer;
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.value);
  return parsed.success ? { ok: true, value: parsed.data } : err('internal', '中心返回的考场记录格式有误，请刷新页面或联系中心管理员');
}

export const centerApi = {
  me: () => call<Me>('GET', '/api/me'),
  login: (username: string, password: string) => call<Me>('POST', '/api/login', { username, password }),
  logout: () => call<null>('POST', '/api/logout', {}),
  days: () => call<DaySummary[]>('GET', '/api/days'),
  day: (dayKey: string) => call<DayView>('GET', `/api/day?day=${encodeURIComponent(dayKey)}`),
  resolve: (dayKey: string, findingId: string, reason: string) => call<{ eventId: string }>('POST', '/api/resolve-finding', { dayKey, findingId, reason }),
  overrideExport: (dayKey: string, reason: string) => call<{ eventId: string }>('POST', '/api/override-export', { dayKey, reason }),
  roomRecord: (dayKey: string, roomNo: string): Promise<ApiResult<CenterRoomRecord>> =>
    checked(call<unknown>('GET', `/api/room-record?day=${encodeURIComponent(dayKey)}&room=${encodeURIComponent(roomNo)}`), centerRoomRecordSchema),
  revealId: (dayKey: string, ticketNo: string) => call<{ idNumber: string }>('POST', '/api/reveal-id', { dayKey, ticketNo }),
  users: () => call<CenterUser[]>('GET', '/api/admin/users'),
  addUser: (username: string, role: CenterRoleName, password: string) => call<{ username: string }>('POST', '/api/admin/add-user', { username, role, password }),
  resetPassword: (username: string, password: string) => call<{ username: string }>('POST', '/api/admin/reset-password', { username, password }),
  setDisabled: (username: string, disabled: boolean) => call<{ username: string }>('POST', '/api/admin/set-disabled', { username, disabled }),
  codes: () => call<EnrolmentCode[]>('GET', '/api/admin/codes'),
  issueCode: (organisation: string) => call<{ code: string; expiresAt: string }>('POST', '/api/admin/issue-code', { organisation }),
  revokeCode: (codeHash: string) => call<{ codeHash: string }>('POST', '/api/admin/revoke-code', { codeHash }),
  adminLog: () => call<AdminAction[]>('GET', '/api/admin/log'),
  retention: () => call<RetentionOverview>('GET', '/api/retention'),
  setRetention: (settings: RetentionSettings) => call<{ eventId: string }>('POST', '/api/retention', settings),
  dayRetention: (dayKey: string) => call<DayRetention & { canPurge: boolean }>('GET', `/api/day-retention?day=${encodeURIComponent(dayKey)}`),
  purgePhotos: (dayKey: string) => call<{ purged: number; eventId: string | null }>('POST', '/api/purge-photos', { dayKey }),
  upload: (content: string, passphrase: string) =>
    call<{ site: string; stored: number; alreadyHeld: number; forks: number; rejected: string[] }>('POST', '/api/upload-sync-file', { content, passphrase }),
};

/** The value of an answer, or a thrown Error with its Chinese message (for TanStack Query). */
export async function valueOf<T>(answer: Promise<ApiResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export const resultsUrl = (dayKey: string, full: boolean): string => `/api/results.xlsx?day=${encodeURIComponent(dayKey)}${full ? '&full=1' : ''}`;
export const archiveUrl = (dayKey: string): string => `/api/archive.zip?day=${encodeURIComponent(dayKey)}`;
