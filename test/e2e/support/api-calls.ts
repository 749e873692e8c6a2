import type { Page } from '@playwright/test';

/**
 * Every call of `method` the page makes from now on, over HTTP (`POST /api/<method>`) or over the
 * API socket (shared/api/socket-protocol.ts), so "no check-in was sent" holds whichever one it took.
 */
export function watchApiCalls(page: Page, method: string): string[] {
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes(`/api/${method}`)) calls.push(r.url());
  });
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      try {
        const call = JSON.parse(String(payload)) as { method?: unknown };
        if (call.method === method) calls.push(`${ws.url()} ${method}`);
      } catch {
        // Not a call: nothing to record.
      }
    });
  });
  return calls;
}
