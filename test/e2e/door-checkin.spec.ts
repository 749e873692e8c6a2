import { test, expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idCheckDigit } from '../../shared/id/id-number';
import { watchApiCalls } from './support/api-calls';
import { DoorPage } from './support/door-page';
import { loadSampleDay } from './support/sample-day';
import { startServer, type RunningServer } from './support/server';
import { removeDataDir } from '../support/temp-dir';

const sample = loadSampleDay();
const room01 = sample.candidates.filter((c) => c.roomNo === '01');
const room02 = sample.candidates.filter((c) => c.roomNo === '02');
const doorProctor = sample.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '01')!;
/** 查证入场 of an 08:30 exam, whatever the hour the tests run at: no 开考 prompt covers the door. */
const DOOR_CLOCK = ['--clock', '08:12'];

test.describe('door check-in (browser mode)', () => {
  let dataDir: string;
  let server: RunningServer;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'examday-e2e-'));
    server = await startServer({ dataDir, sampleStart: '08:30', extraArgs: DOOR_CLOCK });
  });
  test.afterEach(async () => {
    await server.stop();
    removeDataDir(dataDir);
  });

  test('scanner bursts give every verdict, and an admission survives a restart', async ({ page }) => {
    const door = new DoorPage(page);
    await door.open(server.url);
    await door.chooseRoomAndStaff('01', doorProctor.staffId);

    const first = room01[0]!;
    await door.scan(first.ticketNo);
    await door.expectVerdict('awaiting-id');
    await expect(door.verdict).toContainText(first.name);
    await expect(door.rosterRow(first.ticketNo)).toHaveAttribute('data-state', 'waiting');
    await door.scan(first.idNumber);
    await door.expectVerdict('admitted');
    await expect(door.verdict).toContainText(first.name);
    await expect(door.rosterRow(first.ticketNo)).toHaveAttribute('data-state', 'admitted');

    await door.scan(first.idNumber);
    await door.expectVerdict('already-admitted');

    const elsewhere = room02[0]!;
    await door.scan(elsewhere.ticketNo);
    await door.expectVerdict('wrong-room');
    await expect(door.verdict).toContainText('第2考场');
    await expect(door.verdict).toContainText(String(elsewhere.seatNo));

    const badCheckDigit = first.idNumber.slice(0, 17) + (first.idNumber[17] === '0' ? '1' : '0');
    await door.scan(badCheckDigit);
    await door.expectVerdict('invalid-id');

    const stranger = '11010119900101123';
    await door.scan(stranger + idCheckDigit(stranger));
    await door.expectVerdict('not-on-roster');

    // A half pair lives in the core: a restart and a reload show it again, and the ID completes it.
    const second = room01[3]!;
    await door.scan(second.ticketNo);
    await door.expectVerdict('awaiting-id');
    await server.stop();
    server = await startServer({ dataDir, extraArgs: DOOR_CLOCK });
    await door.open(server.url);
    await door.chooseRoomAndStaff('01', doorProctor.staffId, 'awaiting-id');
    await expect(door.verdict).toContainText(second.name);
    await door.scan(second.idNumber);
    await door.expectVerdict('admitted');
    await expect(door.rosterRow(first.ticketNo)).toHaveAttribute('data-state', 'admitted');
    await door.scan(first.ticketNo);
    await door.expectVerdict('already-admitted');
  });

  test('slow typing on the door screen is not taken for a scan', async ({ page }) => {
    const door = new DoorPage(page);
    // Watching from before the page opens its API socket, so calls over it are seen too.
    const calls = watchApiCalls(page, 'checkIn');
    await door.open(server.url);
    await door.chooseRoomAndStaff('01', doorProctor.staffId);
    await door.scan(room01[2]!.ticketNo, 150);
    // …while another number at scanner speed right after is. Keys are handled in order, so once that
    // scan's verdict shows, a call for the slow keys would already have been sent: one call, its own.
    await door.scan(room01[4]!.ticketNo);
    await door.expectVerdict('awaiting-id');
    await expect(door.verdict).toContainText(room01[4]!.name);
    expect(calls).toHaveLength(1);
  });

  test('a proctor can type a number into the field and submit it', async ({ page }) => {
    const door = new DoorPage(page);
    await door.open(server.url);
    await door.chooseRoomAndStaff('01', doorProctor.staffId);
    const candidate = room01[1]!;
    await page.getByTestId('manual-input').fill(candidate.ticketNo);
    await page.getByTestId('manual-submit').click();
    await door.expectVerdict('awaiting-id');
    await page.getByTestId('manual-input').fill(candidate.idNumber);
    await page.getByTestId('manual-submit').click();
    await door.expectVerdict('admitted');
    await expect(page.getByTestId('admitted-count')).toContainText('1');
  });

  test('the API refuses calls without the token and from other origins', async ({ request }) => {
    const noToken = await request.post(`${server.origin}/api/getDay`, { data: {} });
    expect(noToken.status()).toBe(401);
    expect((await noToken.json()).error.message).toMatch(/令牌/);
    const foreign = await request.post(`${server.origin}/api/getDay`, {
      data: {},
      headers: { Authorization: `Bearer ${server.token}`, Origin: 'http://evil.example' },
    });
    expect(foreign.status()).toBe(401);
    const bad = await request.post(`${server.origin}/api/checkIn`, {
      data: { roomNo: '01', input: '', method: 'scanner', actorStaffId: doorProctor.staffId },
      headers: { Authorization: `Bearer ${server.token}` },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toMatch(/扫描内容为空/);
  });
});
