import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { zh, type MessageKey } from '../../renderer/src/i18n/zh';

const CENTER_DIR = resolve(__dirname, '..', '..', 'renderer', 'src', 'center');
const HAN = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const centerKeys = (Object.keys(zh) as MessageKey[]).filter((key) => key.startsWith('centerPage.'));
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
/** The regulation's citation: Chinese as shared/center/retention.ts writes it, English spelled out. */
const OWN_PLACEHOLDERS: readonly MessageKey[] = ['centerPage.retention.article'];

describe("the center's page in English as well as Chinese", () => {
  it('has its labels in the catalogues', () => {
    expect(centerKeys.length).toBeGreaterThan(100);
  });

  it.each(centerKeys)('%s: the English has no Chinese characters and fills the same parameters', (key) => {
    expect(en[key]).not.toMatch(HAN);
    if (!OWN_PLACEHOLDERS.includes(key)) expect(placeholders(en[key])).toEqual(placeholders(zh[key]));
  });

  // Chinese left in a component's markup would show to an English reader: every label goes through t().
  // Comments may name things in Chinese; the record sheet's 考务中心 is the official page's own wording.
  it.each(readdirSync(CENTER_DIR).filter((name) => name.endsWith('.tsx')))('%s writes no Chinese outside comments', (name) => {
    const code = readFileSync(join(CENTER_DIR, name), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace('generatedBy="考务中心"', '');
    expect(code).not.toMatch(HAN);
  });
});
