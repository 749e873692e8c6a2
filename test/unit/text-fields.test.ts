import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { examDayApiSpec } from '../../shared/api/contract';
import { eventPayloadSchemas } from '../../shared/events/event-types';
import { CONTROL_MESSAGE, LONE_SURROGATE_MESSAGE, isWellFormedText, multilineText, scanText, text } from '../../shared/text/text-field';

interface StringLeaf {
  path: string;
  schema: z.ZodString;
}

/** Every string schema inside `schema`, with the path a user's field would have. */
function stringLeaves(schema: z.ZodType, path: string, out: StringLeaf[] = []): StringLeaf[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'string':
      out.push({ path, schema: schema as z.ZodString });
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) stringLeaves(child, `${path}.${key}`, out);
      break;
    case 'array':
      stringLeaves(def.element as z.ZodType, `${path}[]`, out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
      stringLeaves(def.innerType as z.ZodType, path, out);
      break;
    case 'pipe':
      stringLeaves(def.in as z.ZodType, path, out);
      break;
    case 'union':
      (def.options as z.ZodType[]).forEach((option, i) => stringLeaves(option, `${path}|${i}`, out));
      break;
    case 'record':
      stringLeaves(def.keyType as z.ZodType, `${path}{key}`, out);
      stringLeaves(def.valueType as z.ZodType, `${path}{}`, out);
      break;
    case 'tuple':
      (def.items as z.ZodType[]).forEach((item, i) => stringLeaves(item, `${path}[${i}]`, out));
      break;
    case 'enum':
    case 'literal':
    case 'number':
    case 'boolean':
    case 'unknown':
      break;
    default:
      throw new Error(`${path}: the walk does not know zod type ${def.type}; teach it, so no string field is missed`);
  }
  return out;
}

/** Text that is not typed by a person and is checked as a whole elsewhere. */
const NOT_TYPED_TEXT: Record<string, string> = {
  'importDayPackage.content': 'JSON text of a package: every event inside is parsed with the event payload schemas',
  'inspectDayPackage.content': 'the same package text, verified the same way',
  'attachCandidatePhotos.photos[].dataBase64': 'Base64 of a photo: its alphabet has no surrogate, the bytes are decoded and checked',
};

const apiLeaves = Object.entries(examDayApiSpec).flatMap(([method, spec]) => stringLeaves(spec.input, method));
const eventLeaves = Object.entries(eventPayloadSchemas).flatMap(([type, schema]) => stringLeaves(schema, type));

describe('every text field of every API input and event payload', () => {
  it('finds the fields (the walk reaches into objects, arrays and unions)', () => {
    expect(apiLeaves.map((l) => l.path)).toEqual(expect.arrayContaining(['defineRooms.rooms[].name', 'importRoster.candidates[].name', 'savePlan.plan.planName', 'admitWithReason.note']));
    expect(eventLeaves.map((l) => l.path)).toEqual(expect.arrayContaining(['room.defined.room.location', 'candidates.registered.candidates[].idNumber', 'checkin.attempted.input.value']));
  });

  it.each([...apiLeaves, ...eventLeaves].map((l) => [l.path, l.schema] as const))('%s has a maximum length', (_path, schema) => {
    expect(schema.maxLength).not.toBeNull();
    expect(schema.maxLength).toBeLessThanOrEqual(_path in NOT_TYPED_TEXT ? Number.MAX_SAFE_INTEGER : 1024);
  });

  it.each([...apiLeaves, ...eventLeaves].filter((l) => !(l.path in NOT_TYPED_TEXT)).map((l) => [l.path, l.schema] as const))('%s refuses a lone surrogate', (_path, schema) => {
    expect(schema.safeParse('12\ud8003').success).toBe(false);
    expect(schema.safeParse('12\udc003').success).toBe(false);
  });
});

describe('text(), multilineText(), scanText()', () => {
  it.each([
    ['a paired surrogate (𠀀, outside the BMP)', text(10), '张𠀀', true],
    ['a lone high surrogate', text(10), '张\ud840', false],
    ['a lone low surrogate', text(10), '\udc00张', false],
    ['NUL', text(10), '张\u0000三', false],
    ['a line break in one line', text(10), '张\n三', false],
    ['a C1 control', text(10), '张\u0085三', false],
    ['a line break in a note', multilineText(10), '第一行\n第二行', true],
    ['NUL in a note', multilineText(10), '说明\u0000', false],
    ['a GS separator in a scan', scanText(40), '0101234\u001d10ABC', true],
    ['ESC in a scan', scanText(40), '\u001b[A', false],
    ['exactly the maximum', text(3), '一二三', true],
    ['one over the maximum', text(3), '一二三四', false],
    ['spaces around the maximum (trimmed first)', text(3), '  一二三  ', true],
  ] as const)('%s', (_case, schema, value, accepted) => {
    expect(schema.safeParse(value).success).toBe(accepted);
  });

  it('says why in Chinese', () => {
    expect(text(10).safeParse('a\ud800').error?.issues[0]?.message).toBe(LONE_SURROGATE_MESSAGE);
    expect(text(10).safeParse('a\u0007').error?.issues[0]?.message).toBe(CONTROL_MESSAGE);
    expect(text(3).safeParse('一二三四').error?.issues[0]?.message).toBe('不能超过 3 个字');
    expect(isWellFormedText('😀')).toBe(true);
    expect(isWellFormedText('😀'.slice(0, 1))).toBe(false);
  });
});
