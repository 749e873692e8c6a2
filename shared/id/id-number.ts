import { ID_DOCUMENT_TYPE_LABELS } from '../domain/labels';
import type { IdDocumentType } from '../domain/types';

export const ID_PARSE_FAILURE_CODES = ['empty', 'bad-format', 'bad-check-digit', 'bad-date', 'bad-region', 'legacy-15-digit', 'type-mismatch'] as const;
export type IdParseFailureCode = (typeof ID_PARSE_FAILURE_CODES)[number];

export type IdParseResult =
  | { ok: true; type: IdDocumentType; number: string; birthDate?: string; regionCode?: string }
  | { ok: false; code: IdParseFailureCode; reason: string };

export interface IdParseOptions {
  /** YYYY-MM-DD. Passed in rather than read from the clock so a verdict is reproducible from its event. */
  today?: string;
}

/** Full-width digits and letters to half-width, trims, upper-cases. */
export function normalizeIdInput(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

const RESIDENT_ID_SHAPE = /^\d{17}[\dX]$/;
const LEGACY_RESIDENT_ID_SHAPE = /^\d{15}$/;

/**
 * Does this input look like an ID document number at all (so a failure is `invalid-id`, not `not-on-roster`)?
 * Only the digit shapes count: they are the ones that can fail a check digit, date or region test, and
 * 准考证号 (14 digits in our plans) never have 15 or 18 digits.
 */
export function looksLikeIdNumber(normalized: string): boolean {
  return LEGACY_RESIDENT_ID_SHAPE.test(normalized) || RESIDENT_ID_SHAPE.test(normalized);
}

/**
 * GB/T 2260 province-level codes, plus 71 (台湾), 81/82 (香港/澳门) and 83, which 台湾居民居住证 use
 * because 71 is not issued on mainland documents.
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** 港澳台居民居住证 (2018) carry these fixed address codes instead of a mainland region. */
const HMT_PERMIT_PREFIXES = new Set(['810000', '820000', '830000']);

/** Formats with no check digit, so shape is all we can test; kept narrow to avoid admitting typos. */
const DOCUMENT_SHAPES: Partial<Record<IdDocumentType, RegExp>> = {
  // 2004/2017 永居证: ISO 3166 alpha-3 nationality + 12 digits (region, YYMMDD, serial, check).
  'foreign-permanent-resident-id': /^[A-Z]{3}\d{12}$/,
  // Foreign passports vary too much to check beyond ICAO 9303's alphanumeric field of up to 9 (some states use more).
  passport: /^[A-Z\d]{5,17}$/,
  // 回乡证: H (Hong Kong) or M (Macao) + 8 digits; cards before 2013 add a 2-digit issue count.
  'hk-macao-travel-permit': /^[HM]\d{8}(\d{2})?$/,
  // 台胞证: 8 digits since 2015; older booklets 10 characters (digits, sometimes a letter).
  'taiwan-travel-permit': /^(\d{8}|[A-Z\d]{10})$/,
};

/** 中国护照: E + 8 digits, or E + letter + 7 digits once the digits ran out; G + 8 digits on older books. */
const CHINESE_PASSPORT_SHAPE = /^(E[A-Z\d]\d{7}|G\d{8})$/;

/** Types that share the 18-digit GB 11643 layout and check digit. */
type EighteenDigitType = 'resident-id' | 'hmt-residence-permit' | 'foreign-permanent-resident-id';

function fail(code: IdParseFailureCode, reason: string): IdParseResult {
  return { ok: false, code, reason };
}

function label(type: IdDocumentType): string {
  return ID_DOCUMENT_TYPE_LABELS[type].zh;
}

function eighteenDigitType(n: string): EighteenDigitType {
  // 2023 永居证 start with 9 precisely so systems can tell foreigners from citizens (whose codes start 1–8).
  if (n.startsWith('9')) return 'foreign-permanent-resident-id';
  if (HMT_PERMIT_PREFIXES.has(n.slice(0, 6))) return 'hmt-residence-permit';
  return 'resident-id';
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/** Birth date from positions 7–14, or the reason it cannot be one. */
function birthDateOf(n: string, options: IdParseOptions): { ok: true; date: string } | { ok: false; reason: string } {
  const year = Number(n.slice(6, 10));
  const month = Number(n.slice(10, 12));
  const day = Number(n.slice(12, 14));
  const date = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
  if (!isRealDate(year, month, day)) return { ok: false, reason: `号码中的出生日期 ${date} 不存在` };
  // 1900 is the floor because GB 11643 codes were first issued to people alive in 1999.
  if (year < 1900) return { ok: false, reason: `号码中的出生日期 ${date} 早于1900年` };
  if (options.today !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new Error(`today must be YYYY-MM-DD, got ${options.today}`);
    if (date > options.today) return { ok: false, reason: `号码中的出生日期 ${date} 晚于今天` };
  } else if (year > 2100) {
    return { ok: false, reason: `号码中的出生日期 ${date} 不合理` };
  }
  return { ok: true, date };
}

function parseEighteenDigits(n: string, type: EighteenDigitType, options: IdParseOptions): IdParseResult {
  if (type !== 'foreign-permanent-resident-id' && !PROVINCE_CODES.has(n.slice(0, 2))) {
    return fail('bad-region', `${label(type)}号码前两位 ${n.slice(0, 2)} 不是有效的省级行政区划代码`);
  }
  if (idCheckDigit(n.slice(0, 17)) !== n[17]) return fail('bad-check-digit', `${label(type)}号码校验位错误`);
  const birth = birthDateOf(n, options);
  if (!birth.ok) return fail('bad-date', `${label(type)}${birth.reason}`);
  if (type === 'foreign-permanent-resident-id') return { ok: true, type, number: n, birthDate: birth.date };
  return { ok: true, type, number: n, birthDate: birth.date, regionCode: n.slice(0, 6) };
}

/** The type a number's shape alone proves, without being told what document was shown. */
function typeByShape(n: string): IdDocumentType | undefined {
  if (RESIDENT_ID_SHAPE.test(n)) return eighteenDigitType(n);
  if (DOCUMENT_SHAPES['foreign-permanent-resident-id']?.test(n)) return 'foreign-permanent-resident-id';
  if (CHINESE_PASSPORT_SHAPE.test(n)) return 'passport';
  if (DOCUMENT_SHAPES['hk-macao-travel-permit']?.test(n)) return 'hk-macao-travel-permit';
  return undefined;
}

/**
 * Validates a document number for 第十九条 (准考证 + 有效身份证件). 18-digit numbers get the full
 * GB 11643-1999 test (region, birth date, MOD 11-2); other documents are checked by shape only.
 * With `expectedType` the number must fit that document; without it, only unambiguous shapes are
 * recognised (a bare 8-digit 台胞证 or a foreign passport needs the type to be said).
 */
export function parseIdDocument(raw: string, expectedType?: IdDocumentType, options: IdParseOptions = {}): IdParseResult {
  const n = normalizeIdInput(raw);
  if (n === '') return fail('empty', '证件号码为空');
  if (RESIDENT_ID_SHAPE.test(n)) {
    const type = eighteenDigitType(n);
    if (expectedType !== undefined && expectedType !== type) {
      return fail('type-mismatch', `该号码是${label(type)}号码，与所选证件类型（${label(expectedType)}）不符`);
    }
    return parseEighteenDigits(n, type, options);
  }
  if (expectedType !== undefined && DOCUMENT_SHAPES[expectedType]?.test(n)) return { ok: true, type: expectedType, number: n };
  if (LEGACY_RESIDENT_ID_SHAPE.test(n)) {
    return fail('legacy-15-digit', '15位旧身份证号码已停止使用，请出示18位居民身份证');
  }
  const shapeType = typeByShape(n);
  if (expectedType === undefined) {
    return shapeType ? { ok: true, type: shapeType, number: n } : fail('bad-format', '证件号码格式不正确');
  }
  if (shapeType !== undefined && shapeType !== expectedType) {
    return fail('type-mismatch', `该号码是${label(shapeType)}号码，与所选证件类型（${label(expectedType)}）不符`);
  }
  return fail('bad-format', `${label(expectedType)}号码格式不正确`);
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
