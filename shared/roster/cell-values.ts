import { ID_DOCUMENT_TYPE_LABELS } from '../domain/labels';
import { ID_DOCUMENT_TYPES, type IdDocumentType, type Level } from '../domain/types';

/** Full-width ASCII (Ｕ+FF01…FF5E, e.g. "０１") to half-width, ideographic space to space, trimmed. */
export function halfWidth(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Text without any whitespace, half-width, brackets unified: for comparing names of things. */
export function compactText(value: string): string {
  return halfWidth(value)
    .replace(/\s+/g, '')
    .replace(/[【［\[]/g, '(')
    .replace(/[】］\]]/g, ')');
}

const LEVEL_NAMES = new Map<string, Level>([
  ['五级', '五级'], ['5级', '五级'], ['初级工', '五级'], ['初级', '五级'], ['5', '五级'], ['五', '五级'],
  ['四级', '四级'], ['4级', '四级'], ['中级工', '四级'], ['中级', '四级'], ['4', '四级'], ['四', '四级'],
  ['三级', '三级'], ['3级', '三级'], ['高级工', '三级'], ['高级', '三级'], ['3', '三级'], ['三', '三级'],
  ['二级', '二级'], ['2级', '二级'], ['技师', '二级'], ['2', '二级'], ['二', '二级'],
  ['一级', '一级'], ['1级', '一级'], ['高级技师', '一级'], ['1', '一级'], ['一', '一级'],
]);

/**
 * 等级 as rosters write it: "四级", "4级", "中级工", "四级/中级工", "四级（中级工）". The five levels and
 * their old names are those of 001 (五级 初级工 … 一级 高级技师). Undefined when it names no level or
 * names two different ones.
 */
export function parseLevel(raw: string): Level | undefined {
  const text = compactText(raw).replace(/^(职业技能等级|职业资格|国家职业资格)/, '');
  const direct = LEVEL_NAMES.get(text);
  if (direct !== undefined) return direct;
  const parts = text.split(/[/()、,，;；-]+/).filter((p) => p !== '');
  const levels = new Set(parts.map((p) => LEVEL_NAMES.get(p)));
  if (parts.length > 1 && levels.size === 1) return [...levels][0];
  return undefined;
}

export type Gender = '男' | '女';

const GENDER_NAMES = new Map<string, Gender>([
  ['男', '男'], ['男性', '男'], ['M', '男'], ['MALE', '男'], ['1', '男'],
  ['女', '女'], ['女性', '女'], ['F', '女'], ['FEMALE', '女'], ['2', '女'],
]);

/** 男/女, also 男性/女性, M/F and the GB/T 2261.1 codes 1/2. */
export function parseGender(raw: string): Gender | undefined {
  return GENDER_NAMES.get(compactText(raw).toUpperCase());
}

/** The gender an 18-digit GB 11643 number carries in its 17th digit (odd: 男). */
export function genderFromIdNumber(idNumber: string): Gender | undefined {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return undefined;
  return Number(idNumber[16]) % 2 === 1 ? '男' : '女';
}

const ID_TYPE_NAMES = new Map<string, IdDocumentType>([
  ...ID_DOCUMENT_TYPES.map((type) => [ID_DOCUMENT_TYPE_LABELS[type].zh, type] as const),
  ['身份证', 'resident-id'],
  ['二代身份证', 'resident-id'],
  ['居民身份证号码', 'resident-id'],
  ['中华人民共和国居民身份证', 'resident-id'],
  ['港澳居民居住证', 'hmt-residence-permit'],
  ['台湾居民居住证', 'hmt-residence-permit'],
  ['港澳台居住证', 'hmt-residence-permit'],
  ['外国人永久居留证', 'foreign-permanent-resident-id'],
  ['外国人永久居留身份证件', 'foreign-permanent-resident-id'],
  ['永久居留身份证', 'foreign-permanent-resident-id'],
  ['永居证', 'foreign-permanent-resident-id'],
  ['外国护照', 'passport'],
  ['中国护照', 'passport'],
  ['回乡证', 'hk-macao-travel-permit'],
  ['港澳居民来往内地通行证(回乡证)', 'hk-macao-travel-permit'],
  ['台胞证', 'taiwan-travel-permit'],
  ['台湾居民来往大陆通行证(台胞证)', 'taiwan-travel-permit'],
]);

/** 证件类型 names as rosters write them (居民身份证, 身份证, 护照, 台胞证 …) to `ID_DOCUMENT_TYPES`. */
export function parseIdTypeName(raw: string): IdDocumentType | undefined {
  const text = compactText(raw).replace(/（/g, '(').replace(/）/g, ')');
  return ID_TYPE_NAMES.get(text) ?? ID_TYPE_NAMES.get(text.replace(/\(.*?\)/g, ''));
}

/** "5", "05", "第5号", "5号": a seat number ≥ 1, else undefined. */
export function parseSeatNo(raw: string): number | undefined {
  const match = /^第?0*(\d{1,4})(号|座|号座)?$/.exec(compactText(raw));
  if (!match?.[1]) return undefined;
  const seat = Number(match[1]);
  return seat >= 1 ? seat : undefined;
}

/**
 * What identifies a room in a roster cell: its number without leading zeros ("01", "1", "第1考场" and
 * "第01考场" are one room). Text without digits is compared as written.
 */
export function roomKey(raw: string): string {
  const text = compactText(raw);
  const digits = /\d+/.exec(text)?.[0];
  return digits === undefined ? text : String(Number(digits));
}

/** The room number to store when no room list is given: the digits, two wide ("1" → "01"). */
export function canonicalRoomNo(raw: string): string {
  const key = roomKey(raw);
  return /^\d+$/.test(key) ? key.padStart(2, '0') : key;
}

/**
 * A number Excel kept as a number and shows in scientific notation ("1.10101199003071E+17"): its
 * last digits are already lost, so the cell cannot be trusted.
 */
export function isScientificNotation(value: string): boolean {
  return /^\d(\.\d+)?E\+?\d+$/i.test(halfWidth(value));
}
