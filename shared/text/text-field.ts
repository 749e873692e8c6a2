import { z } from 'zod';

/**
 * How long each kind of text may be, in characters (UTF-16 code units, as zod counts): long enough
 * for any real entry, short enough that nothing over-long reaches the signed log or a printed form.
 */
export const TEXT_LIMITS = {
  /** 姓名 of a candidate or a staff member. */
  personName: 50,
  /** 考场名称, printed on door signs and the 考场情况记录单. */
  roomName: 30,
  /** 考场位置 (building, floor). */
  location: 100,
  /** 考场号, 座位 labels and other short codes. */
  code: 32,
  /** 准考证号 as scanned (may carry a prefix before the number is extracted). */
  ticketNo: 64,
  /** 证件号码 of any accepted document (passport numbers included). */
  idNumber: 32,
  /** 职业（工种）. */
  occupation: 40,
  /** 计划名称, 评价机构, 科目. */
  planName: 120,
  /** 考点地址. */
  address: 200,
  /** A note or reason typed by staff. */
  note: 500,
  /** What a scanner or the keyboard sent in one burst. */
  scan: 512,
  /** Internal identifiers (event ids, plan ids). */
  identifier: 128,
} as const;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls, DEL and C1 controls: never part of a name, number or place typed on a keyboard. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** Notes may hold line breaks and tabs, nothing else of the kind. */
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Scanner bursts may also hold the ISO/IEC 15434 separators (GS, RS, EOT) that GS1 and PDF417 codes use. */
const CONTROL_EXCEPT_SCAN = /[\u0000-\u0003\u0005-\u0008\u000A-\u001C\u001F\u007F-\u009F]/;

export const LONE_SURROGATE_MESSAGE = '含有无法识别的字符（不成对的 UTF-16 代理项），请重新输入';
export const CONTROL_MESSAGE = '含有控制字符，请删除后重新输入';

/** Whether the text is well-formed UTF-16 (every surrogate paired), so it encodes to UTF-8 and back unchanged. */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

function bounded(max: number, controls: RegExp): z.ZodString {
  return z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字`)
    .refine(isWellFormedText, LONE_SURROGATE_MESSAGE)
    .refine((value) => !controls.test(value), CONTROL_MESSAGE);
}

/**
 * Every one-line text field of the contract and the event payloads: trimmed, at most `max`
 * characters, no lone surrogate (which would hash differently after a UTF-8 round trip) and no
 * control character. Add `.min(1, …)` for a required field.
 */
export function text(max: number): z.ZodString {
  return bounded(max, CONTROL);
}

/** A note typed by staff: like text(), but line breaks and tabs are kept. */
export function multilineText(max: number = TEXT_LIMITS.note): z.ZodString {
  return bounded(max, CONTROL_EXCEPT_LINES);
}

/** What a barcode scanner sent: like text(), but the GS1/ISO 15434 separators are kept. */
export function scanText(max: number = TEXT_LIMITS.scan): z.ZodString {
  return bounded(max, CONTROL_EXCEPT_SCAN);
}
