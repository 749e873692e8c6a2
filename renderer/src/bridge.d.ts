import type { ApiMethod } from '../../shared/api/contract';

/**
 * What Electron's preload exposes on `window.examDayBridge`: one function per ExamDayApi method,
 * carrying the input over IPC and returning the core's answer unparsed (the client parses it).
 */
export type ExamDayBridge = { readonly [M in ApiMethod]: (input: unknown) => Promise<unknown> };

declare global {
  interface Window {
    /** Present only inside the Electron window; a plain browser talks HTTP instead. */
    readonly examDayBridge?: ExamDayBridge;
  }
}
