/**
 * A 准考证 barcode may hold the bare 准考证号 or a longer text: a URL such as
 * `https://rz.example.cn/zkz?zkzh=20261105170101&sign=…` or key=value text
 * (`zkzh=20261105170101;name=…`). The plan may name its own rule (plan.ticketPattern).
 */

/** `zkzh=` (准考证号 in pinyin initials) or `ticket=`, as a URL parameter or key=value pair. */
const DEFAULT_TICKET_KEYS = /(?:^|[?&;,\s#])(?:ZKZH|TICKET|TICKETNO|准考证号)[=:：]([^&;,\s#]+)/i;

/**
 * The 准考证号 in a scanned text. With `pattern` (a regular expression with one capture group,
 * matched case-insensitively) its first match's group; without one, the value of a `zkzh=` or
 * `ticket=` parameter. Either way, a text the rule does not match is returned whole: it may be a
 * bare 准考证号 or an ID number. Pure; `pattern` must have passed ticketPatternProblem (domain/types.ts).
 */
export function extractTicketNumber(text: string, pattern?: string): string {
  const regex = pattern === undefined ? DEFAULT_TICKET_KEYS : compile(pattern);
  const found = regex?.exec(text)?.[1];
  return found === undefined || found === '' ? text : decodeValue(found);
}

const compiled = new Map<string, RegExp | undefined>();

function compile(pattern: string): RegExp | undefined {
  if (!compiled.has(pattern)) {
    try {
      compiled.set(pattern, new RegExp(pattern, 'i'));
    } catch {
      compiled.set(pattern, undefined);
    }
  }
  return compiled.get(pattern);
}

/** A URL parameter may be percent-encoded; a broken escape is kept as it came. */
function decodeValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
