import type { IdDocumentType } from '../domain/types';

// OWNED BY HELPER (id rules): full implementation pending. Signatures below are the contract.

export type IdParseResult =
  | { ok: true; type: IdDocumentType; number: string; birthDate?: string; regionCode?: string }
  | { ok: false; code: 'empty' | 'bad-format' | 'bad-check-digit' | 'bad-date' | 'bad-region' | 'legacy-15-digit'; reason: string };

/** Full-width digits and letters to half-width, trims, upper-cases. */
export function normalizeIdInput(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Does this input look like an ID document number at all (so a failure is `invalid-id`, not `not-on-roster`)? */
export function looksLikeIdNumber(normalized: string): boolean {
  return /^\d{15}$/.test(normalized) || /^\d{17}[\dX]$/.test(normalized);
}

export function parseIdDocument(raw: string, _expectedType?: IdDocumentType): IdParseResult {
  const n = normalizeIdInput(raw);
  if (n === '') return { ok: false, code: 'empty', reason: '证件号码为空' };
  if (/^\d{15}$/.test(n)) return { ok: false, code: 'legacy-15-digit', reason: '15位旧身份证号码已停用' };
  if (!/^\d{17}[\dX]$/.test(n)) return { ok: false, code: 'bad-format', reason: '证件号码格式不正确' };
  if (idCheckDigit(n.slice(0, 17)) !== n[17]) return { ok: false, code: 'bad-check-digit', reason: '身份证号码校验位错误' };
  return { ok: true, type: 'resident-id', number: n };
}

/** For lists and screens: only the last four characters are shown. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 4) return '*'.repeat(idNumber.length);
  return '*'.repeat(idNumber.length - 4) + idNumber.slice(-4);
}

/** ISO 7064 MOD 11-2 check character for the first 17 digits (GB 11643-1999). */
export function idCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return '10X98765432'[sum % 11] ?? '';
}
