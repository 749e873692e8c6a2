import { describe, expect, it } from 'vitest';
import { parseWebArgs } from '../../electron/server/args';
import { parseMainArgs } from '../../electron/main/args';
import { honouredClockArgs } from '../../electron/core/clock-args';
import { virtualNowMs } from '../../shared/clock/virtual-clock';

/** 2026-11-25 14:03:27.500 local: the real clock at parse time. */
const REAL = new Date(2026, 10, 25, 14, 3, 27, 500).getTime();
const local = (h: number, m: number, s = 0): number => new Date(2026, 10, 25, h, m, s).getTime();

describe('--clock, --clock-speed, --clock-skew', () => {
  it('gives no virtual clock without them', () => {
    expect(parseWebArgs([], REAL).clock).toBeUndefined();
    expect(parseMainArgs(['--data', 'x'], REAL).clock).toBeUndefined();
  });

  it('reads --clock as a local time of today, running at --clock-speed', () => {
    const { clock } = parseWebArgs(['--clock', '08:20', '--clock-speed', '10'], REAL);
    expect(clock).toEqual({ anchorRealMs: REAL, anchorVirtualMs: local(8, 20), speed: 10 });
    expect(virtualNowMs(clock!, REAL + 6_000)).toBe(local(8, 21));
    expect(parseWebArgs(['--clock', '09:44:50'], REAL).clock).toEqual({ anchorRealMs: REAL, anchorVirtualMs: local(9, 44, 50), speed: 1 });
  });

  it('skews the device clock by --clock-skew seconds, alone or on top of --clock', () => {
    expect(parseWebArgs(['--clock-skew', '300'], REAL).clock).toEqual({ anchorRealMs: REAL, anchorVirtualMs: REAL + 300_000, speed: 1 });
    expect(parseWebArgs(['--clock-skew=-90'], REAL).clock?.anchorVirtualMs).toBe(REAL - 90_000);
    expect(parseWebArgs(['--clock', '07:30', '--clock-skew', '300'], REAL).clock?.anchorVirtualMs).toBe(local(7, 35));
    expect(parseMainArgs(['--clock', '07:30', '--clock-skew', '300', '--remote-debugging-port=0'], REAL).clock?.anchorVirtualMs).toBe(local(7, 35));
  });

  it('refuses malformed values with a Chinese message', () => {
    expect(() => parseWebArgs(['--clock', '25:00'], REAL)).toThrow('--clock 应为 HH:MM 或 HH:MM:SS，例如 08:20，而不是 25:00');
    expect(() => parseWebArgs(['--clock', '8.20'], REAL)).toThrow(/--clock 应为/);
    expect(() => parseWebArgs(['--clock-speed', '0'], REAL)).toThrow(/--clock-speed 应为大于 0/);
    expect(() => parseWebArgs(['--clock-speed', 'fast'], REAL)).toThrow(/--clock-speed/);
    expect(() => parseWebArgs(['--clock-skew', '5min'], REAL)).toThrow(/--clock-skew 应为秒数/);
    expect(() => parseWebArgs(['--clock-skew', '99999'], REAL)).toThrow(/--clock-skew/);
    expect(() => parseMainArgs(['--clock', 'noon'], REAL)).toThrow(/--clock 应为/);
    expect(() => parseMainArgs(['--clock'], REAL)).toThrow(/--clock/);
  });
});

describe('clock switches in a packaged app', () => {
  it.each([
    [{}, false, {}, []],
    [{}, true, {}, []],
    [{ clock: '08:20' }, false, { clock: '08:20' }, []],
    [{ clock: '08:20', 'clock-speed': '10' }, true, {}, ['--clock', '--clock-speed']],
    [{ 'clock-skew': '-90' }, true, {}, ['--clock-skew']],
    [{ clock: true }, true, {}, ['--clock']],
  ])('%j, packaged %s → parse %j, ignore %j', (values, packaged, honoured, ignored) => {
    expect(honouredClockArgs(values, packaged)).toEqual({ values: honoured, ignored });
  });

  it('runs a packaged app on the real clock, naming the switches it ignored, even malformed ones', () => {
    const packaged = { packaged: true };
    expect(parseMainArgs(['--clock', '07:30', '--clock-skew', '300', '--data', 'x'], REAL, packaged)).toMatchObject({
      dataDir: 'x',
      clock: undefined,
      ignoredClockSwitches: ['--clock', '--clock-skew'],
    });
    expect(parseMainArgs(['--clock', 'noon', '--clock-speed=100'], REAL, packaged)).toMatchObject({
      clock: undefined,
      ignoredClockSwitches: ['--clock', '--clock-speed'],
    });
    expect(parseMainArgs(['--clock', '07:30'], REAL, { packaged: false })).toMatchObject({ ignoredClockSwitches: [] });
    expect(parseMainArgs(['--clock', '07:30'], REAL, { packaged: false }).clock?.anchorVirtualMs).toBe(local(7, 30));
  });
});

describe('browser-mode server: --no-sample', () => {
  it('starts a brand-new folder empty (a door laptop that gets its day from the office)', () => {
    expect(parseWebArgs(['--no-sample'], REAL).noSample).toBe(true);
    expect(parseWebArgs([], REAL).noSample).toBe(false);
  });

  it('refuses a sample start time together with no sample', () => {
    expect(() => parseWebArgs(['--no-sample', '--sample-start', '08:30'], REAL)).toThrow('--sample-start 与 --no-sample 不能同时使用');
  });
});
