import { describe, expect, it } from 'vitest';
import {
  idCheckDigit,
  looksLikeIdNumber,
  maskIdNumber,
  normalizeIdInput,
  parseIdDocument,
} from '../../shared/id/id-number';
import { fixtureDay, fixtureIdNumber } from '../support/fixture-day';

/** Appends the MOD 11-2 check character so each fixture fails only on the rule under test. */
function withCheck(first17: string): string {
  return first17 + idCheckDigit(first17);
}

/** A wrong but well-formed check character. */
function wrongCheck(valid: string): string {
  return valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
}

function toFullWidth(text: string): string {
  return text.replace(/[0-9A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

describe('idCheckDigit', () => {
  it('matches the worked examples printed in GB 11643-1999', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('44052418800101001')).toBe('4');
  });
});

describe('normalizeIdInput', () => {
  it('turns full-width digits and letters to half-width, drops spaces and upper-cases', () => {
    expect(normalizeIdInput(` ${toFullWidth('11010519491231002x')}\u3000`)).toBe('11010519491231002X');
    expect(normalizeIdInput('1101 0519 4912 3100 2x')).toBe('11010519491231002X');
  });
});

describe('parseIdDocument: 18-digit 居民身份证', () => {
  const valid = withCheck('11010519900307001');

  it('accepts a valid number and returns birth date and region', () => {
    expect(parseIdDocument(valid)).toEqual({
      ok: true,
      type: 'resident-id',
      number: valid,
      birthDate: '1990-03-07',
      regionCode: '110105',
    });
  });

  it('accepts a number ending in X however the X was typed', () => {
    expect(parseIdDocument('11010519491231002X')).toMatchObject({ ok: true, number: '11010519491231002X' });
    expect(parseIdDocument('11010519491231002x')).toMatchObject({ ok: true, number: '11010519491231002X', birthDate: '1949-12-31' });
  });

  it('accepts full-width and spaced input', () => {
    expect(parseIdDocument(` ${toFullWidth(valid)} `)).toMatchObject({ ok: true, number: valid });
  });

  it('refuses a wrong check digit', () => {
    expect(parseIdDocument(wrongCheck(valid))).toMatchObject({ ok: false, code: 'bad-check-digit' });
    expect(parseIdDocument('11010519491231002A')).toMatchObject({ ok: false, code: 'bad-format' });
  });

  it('refuses birth dates that do not exist', () => {
    expect(parseIdDocument(withCheck('11010519900230001'))).toMatchObject({ ok: false, code: 'bad-date' });
    expect(parseIdDocument(withCheck('11010519901301001'))).toMatchObject({ ok: false, code: 'bad-date' });
    expect(parseIdDocument(withCheck('11010519900100001'))).toMatchObject({ ok: false, code: 'bad-date' });
    expect(parseIdDocument(withCheck('11010519000229001'))).toMatchObject({ ok: false, code: 'bad-date' });
    expect(parseIdDocument(withCheck('11010520000229001'))).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('refuses births before 1900, even the 1880 example of the standard itself', () => {
    const result = parseIdDocument('440524188001010014');
    expect(result).toMatchObject({ ok: false, code: 'bad-date' });
    expect(!result.ok && result.reason).toContain('1880-01-01');
  });

  it('refuses a birth after today only when today is given', () => {
    const born2030 = withCheck('11010520300101001');
    expect(parseIdDocument(born2030)).toMatchObject({ ok: true, birthDate: '2030-01-01' });
    expect(parseIdDocument(born2030, undefined, { today: '2026-11-25' })).toMatchObject({ ok: false, code: 'bad-date' });
    expect(parseIdDocument(withCheck('11010520261125001'), undefined, { today: '2026-11-25' })).toMatchObject({ ok: true });
    expect(parseIdDocument(withCheck('11010520261126001'), undefined, { today: '2026-11-25' })).toMatchObject({ ok: false, code: 'bad-date' });
    expect(parseIdDocument(withCheck('11010521010101001'))).toMatchObject({ ok: false, code: 'bad-date' });
  });

  it('refuses region codes that are no province', () => {
    for (const region of ['00', '10', '16', '20', '24', '38', '47', '55', '60', '66', '70', '72', '80', '84']) {
      expect(parseIdDocument(withCheck(`${region}010519900307001`)), region).toMatchObject({ ok: false, code: 'bad-region' });
    }
    for (const region of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82', '83']) {
      expect(parseIdDocument(withCheck(`${region}010519900307001`)), region).toMatchObject({ ok: true, type: 'resident-id' });
    }
  });

  it('refuses 15-digit numbers of the first-generation card', () => {
    const result = parseIdDocument('110105900307001');
    expect(result).toMatchObject({ ok: false, code: 'legacy-15-digit' });
    expect(!result.ok && result.reason).toMatch(/15位/);
  });

  it('refuses empty input and unknown shapes', () => {
    expect(parseIdDocument('  ')).toMatchObject({ ok: false, code: 'empty' });
    expect(parseIdDocument('1101051990030700')).toMatchObject({ ok: false, code: 'bad-format' });
    expect(parseIdDocument('ZZ-UNKNOWN')).toMatchObject({ ok: false, code: 'bad-format' });
  });

  it('accepts every fixture ID the other tests rely on', () => {
    for (let i = 0; i < 200; i++) expect(parseIdDocument(fixtureIdNumber(i)).ok).toBe(true);
  });
});

describe('parseIdDocument: 港澳台居民居住证', () => {
  it('recognises 810000/820000/830000 with the same check digit rules', () => {
    for (const prefix of ['810000', '820000', '830000']) {
      const number = withCheck(`${prefix}19950615001`);
      expect(parseIdDocument(number)).toEqual({
        ok: true,
        type: 'hmt-residence-permit',
        number,
        birthDate: '1995-06-15',
        regionCode: prefix,
      });
      expect(parseIdDocument(wrongCheck(number))).toMatchObject({ ok: false, code: 'bad-check-digit' });
    }
    expect(parseIdDocument('81000019950615005x', 'hmt-residence-permit')).toMatchObject({ ok: true, number: '81000019950615005X' });
  });

  it('says so when the proctor chose the resident ID card', () => {
    expect(parseIdDocument(withCheck('81000019950615001'), 'resident-id')).toMatchObject({ ok: false, code: 'type-mismatch' });
  });
});

describe('parseIdDocument: 外国人永久居留身份证', () => {
  it('recognises the 2023 card: 18 digits starting with 9, MOD 11-2', () => {
    const number = withCheck('91115619850102001');
    expect(parseIdDocument(number)).toEqual({
      ok: true,
      type: 'foreign-permanent-resident-id',
      number,
      birthDate: '1985-01-02',
    });
    expect(parseIdDocument(number, 'foreign-permanent-resident-id')).toMatchObject({ ok: true });
    expect(parseIdDocument(wrongCheck(number))).toMatchObject({ ok: false, code: 'bad-check-digit' });
    expect(parseIdDocument(withCheck('91115619851302001'))).toMatchObject({ ok: false, code: 'bad-date' });
    expect(parseIdDocument(number, 'resident-id')).toMatchObject({ ok: false, code: 'type-mismatch' });
  });

  it('recognises the older card: 3 letters and 12 digits', () => {
    expect(parseIdDocument('usa110085010112')).toEqual({
      ok: true,
      type: 'foreign-permanent-resident-id',
      number: 'USA110085010112',
    });
    expect(parseIdDocument('USA110085010112', 'foreign-permanent-resident-id')).toMatchObject({ ok: true });
    expect(parseIdDocument('US1110085010112', 'foreign-permanent-resident-id')).toMatchObject({ ok: false, code: 'bad-format' });
  });
});

describe('parseIdDocument: passports and travel permits', () => {
  it('recognises Chinese passports by shape', () => {
    expect(parseIdDocument('E12345678')).toEqual({ ok: true, type: 'passport', number: 'E12345678' });
    expect(parseIdDocument('ea1234567')).toEqual({ ok: true, type: 'passport', number: 'EA1234567' });
    expect(parseIdDocument('G12345678')).toMatchObject({ ok: true, type: 'passport' });
  });

  it('accepts a foreign passport only when the proctor says it is one', () => {
    expect(parseIdDocument('X1234567')).toMatchObject({ ok: false, code: 'bad-format' });
    expect(parseIdDocument('X1234567', 'passport')).toEqual({ ok: true, type: 'passport', number: 'X1234567' });
    expect(parseIdDocument('AB12', 'passport')).toMatchObject({ ok: false, code: 'bad-format' });
    expect(parseIdDocument('A-1234567', 'passport')).toMatchObject({ ok: false, code: 'bad-format' });
    expect(parseIdDocument(withCheck('11010519900307001'), 'passport')).toMatchObject({ ok: false, code: 'type-mismatch' });
  });

  it('recognises 港澳居民来往内地通行证: H or M and 8 or 10 digits', () => {
    expect(parseIdDocument('H12345678')).toEqual({ ok: true, type: 'hk-macao-travel-permit', number: 'H12345678' });
    expect(parseIdDocument('m1234567801', 'hk-macao-travel-permit')).toMatchObject({ ok: true, number: 'M1234567801' });
    expect(parseIdDocument('H123456789', 'hk-macao-travel-permit')).toMatchObject({ ok: false, code: 'bad-format' });
    expect(parseIdDocument('K12345678', 'hk-macao-travel-permit')).toMatchObject({ ok: false, code: 'bad-format' });
    expect(parseIdDocument('H12345678', 'taiwan-travel-permit')).toMatchObject({ ok: false, code: 'type-mismatch' });
  });

  it('recognises 台湾居民来往大陆通行证 only when told: 8 digits or 10 characters', () => {
    expect(parseIdDocument('12345678')).toMatchObject({ ok: false, code: 'bad-format' });
    expect(parseIdDocument('12345678', 'taiwan-travel-permit')).toEqual({ ok: true, type: 'taiwan-travel-permit', number: '12345678' });
    expect(parseIdDocument('123456789B', 'taiwan-travel-permit')).toMatchObject({ ok: true });
    expect(parseIdDocument('1234567', 'taiwan-travel-permit')).toMatchObject({ ok: false, code: 'bad-format' });
  });

  it('explains a bad format in the words of the chosen document', () => {
    const result = parseIdDocument('1234567', 'taiwan-travel-permit');
    expect(!result.ok && result.reason).toBe('台湾居民来往大陆通行证号码格式不正确');
  });
});

describe('looksLikeIdNumber', () => {
  it('is true for every resident-ID shape, valid or not, so the door says "invalid ID"', () => {
    expect(looksLikeIdNumber('11010519491231002X')).toBe(true);
    expect(looksLikeIdNumber(wrongCheck('11010519491231002X'))).toBe(true);
    expect(looksLikeIdNumber(withCheck('00010519900230001'))).toBe(true);
    expect(looksLikeIdNumber('110105900307001')).toBe(true);
  });

  it('is false for ticket numbers and other text', () => {
    for (const candidate of fixtureDay(40).candidates) expect(looksLikeIdNumber(candidate.ticketNo)).toBe(false);
    expect(looksLikeIdNumber('ZZ-UNKNOWN')).toBe(false);
    expect(looksLikeIdNumber('1101051949123100')).toBe(false);
    expect(looksLikeIdNumber('11010519491231002x')).toBe(false);
  });
});

describe('maskIdNumber', () => {
  it('keeps only the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('**************002X');
    expect(maskIdNumber('E12345678')).toBe('*****5678');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('')).toBe('');
  });
});
