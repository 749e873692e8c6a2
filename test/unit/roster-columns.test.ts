import { describe, expect, it } from 'vitest';
import {
  canonicalRoomNo,
  isScientificNotation,
  parseGender,
  parseIdTypeName,
  parseLevel,
  parseSeatNo,
  roomKey,
} from '../../shared/roster/cell-values';
import { fieldForHeader, overrideMapping, recognizeHeaders } from '../../shared/roster/columns';
import { ROSTER_HEADER } from '../support/roster-files';

describe('recognizeHeaders', () => {
  it('maps the usual export header', () => {
    const result = recognizeHeaders([ROSTER_HEADER]);
    expect(result.headerRowIndex).toBe(0);
    expect(result.mapping).toEqual({ name: 0, gender: 1, idType: 2, idNumber: 3, ticketNo: 4, occupation: 5, level: 6, roomNo: 7, seatNo: 8 });
    expect(result.unmapped).toEqual([]);
  });

  it.each([
    ['姓名', 'name'],
    [' 姓 名 ', 'name'],
    ['*姓名', 'name'],
    ['姓名＊', 'name'],
    ['身份证号', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['证件号码', 'idNumber'],
    ['身份证号（18位）', 'idNumber'],
    ['准考证号', 'ticketNo'],
    ['职业', 'occupation'],
    ['工种', 'occupation'],
    ['职业（工种）', 'occupation'],
    ['职业(工种)', 'occupation'],
    ['职业/工种', 'occupation'],
    ['等级', 'level'],
    ['级别', 'level'],
    ['职业等级', 'level'],
    ['考场', 'roomNo'],
    ['考场号', 'roomNo'],
    ['座位号', 'seatNo'],
    ['证件类型', 'idType'],
    ['性别：', 'gender'],
    ['联系电话', undefined],
    ['', undefined],
  ])('%s → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it('skips a title row above the header and lists the columns it could not place', () => {
    const rows = [
      ['北京市朝阳区启航职业技能培训学校 2026年保育师考生名单', '', ''],
      ['', '', ''],
      ['序号', '考生姓名', '身份证号码', '准考证号', '联系电话', '考场', '姓名'],
      ['1', '张三', '110105199001011233', '20261105170101', '13800000000', '01', '重复列'],
    ];
    const result = recognizeHeaders(rows);
    expect(result.headerRowIndex).toBe(2);
    expect(result.mapping).toEqual({ name: 1, idNumber: 2, ticketNo: 3, roomNo: 5 });
    expect(result.unmapped).toEqual([
      { index: 0, header: '序号' },
      { index: 4, header: '联系电话' },
      { index: 6, header: '姓名' },
    ]);
  });

  it('finds no header in a sheet of data only', () => {
    expect(recognizeHeaders([['张三', '01'], ['李四', '02']])).toMatchObject({ headerRowIndex: -1, mapping: {} });
  });

  it('lets the user map a column the app could not place, and unmap one', () => {
    const recognized = recognizeHeaders([['考生名', '身份证号', '准考证', '教室', '座位号']]);
    expect(recognized.mapping).toEqual({ idNumber: 1, ticketNo: 2, seatNo: 4 });
    const fixed = overrideMapping(recognized, { name: 0, roomNo: 3, seatNo: null });
    expect(fixed.mapping).toEqual({ name: 0, idNumber: 1, ticketNo: 2, roomNo: 3 });
    expect(fixed.unmapped).toEqual([{ index: 4, header: '座位号' }]);
    // A column taken for another field leaves the field that had it.
    expect(overrideMapping(fixed, { name: 1 }).mapping).toEqual({ name: 1, ticketNo: 2, roomNo: 3 });
  });
});

describe('cell values', () => {
  it.each([
    ['四级', '四级'],
    ['4级', '四级'],
    ['中级工', '四级'],
    ['四级/中级工', '四级'],
    ['四级（中级工）', '四级'],
    ['高级技师', '一级'],
    ['技师', '二级'],
    ['三级 ', '三级'],
    ['职业技能等级五级', '五级'],
    ['四级/高级工', undefined],
    ['特级', undefined],
  ])('level %s → %s', (raw, level) => {
    expect(parseLevel(raw)).toBe(level);
  });

  it('reads genders, ID types, seats and rooms as rosters write them', () => {
    expect([parseGender('男'), parseGender('女性'), parseGender('f'), parseGender('1'), parseGender('未知')]).toEqual(['男', '女', '女', '男', undefined]);
    expect(parseIdTypeName('身份证')).toBe('resident-id');
    expect(parseIdTypeName('居民身份证')).toBe('resident-id');
    expect(parseIdTypeName('港澳台居民居住证')).toBe('hmt-residence-permit');
    expect(parseIdTypeName('外国人永久居留身份证')).toBe('foreign-permanent-resident-id');
    expect(parseIdTypeName('护照')).toBe('passport');
    expect(parseIdTypeName('港澳居民来往内地通行证')).toBe('hk-macao-travel-permit');
    expect(parseIdTypeName('台湾居民来往大陆通行证（台胞证）')).toBe('taiwan-travel-permit');
    expect(parseIdTypeName('驾驶证')).toBeUndefined();
    expect([parseSeatNo('5'), parseSeatNo('05'), parseSeatNo('５'), parseSeatNo('第5号'), parseSeatNo('0'), parseSeatNo('A5')]).toEqual([5, 5, 5, 5, undefined, undefined]);
    expect([roomKey('01'), roomKey('1'), roomKey('第1考场'), roomKey('第０１考场')]).toEqual(['1', '1', '1', '1']);
    expect([canonicalRoomNo('1'), canonicalRoomNo('第12考场'), canonicalRoomNo('A厅')]).toEqual(['01', '12', 'A厅']);
    expect([isScientificNotation('1.10105199001011E+17'), isScientificNotation('110105199001011233')]).toEqual([true, false]);
  });
});
