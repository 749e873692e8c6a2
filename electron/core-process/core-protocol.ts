import { z } from 'zod';
import { apiResultSchema } from '../../shared/api/result';

/*
 * The messages between Electron's main process and the core's utility process. Both sides parse
 * what they receive with these schemas: a message that does not fit is refused, never acted on.
 */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the core process needs to open the data folder; nothing secret (the key follows alone). */
export const coreInitSchema = z.object({
  dataDir: z.string().min(1),
  resourcesDir: z.string().min(1),
  sampleDayFile: z.string().min(1),
  /** Electron-ABI better_sqlite3.node from a source checkout; absent when packaged. */
  nativeBinding: z.string().min(1).optional(),
  sampleStart: z.string().regex(HHMM).optional(),
  clock: z.object({ anchorRealMs: z.number(), anchorVirtualMs: z.number(), speed: z.number().positive() }).optional(),
});
export type CoreInit = z.infer<typeof coreInitSchema>;

export const callIdSchema = z.number().int().nonnegative();

export const toCoreSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), init: coreInitSchema }),
  /** The data folder's key, opened by the main process with the OS keystore: 64 hexadecimal digits. */
  z.object({ type: z.literal('key'), key: z.string().regex(/^[0-9a-fA-F]{64}$/) }),
  /** Method and input cross unparsed: the core's dispatchApiCall parses them against the contract. */
  z.object({ type: z.literal('call'), id: callIdSchema, method: z.unknown(), input: z.unknown() }),
  z.object({ type: z.literal('close') }),
]);
export type ToCore = z.infer<typeof toCoreSchema>;

export const fromCoreSchema = z.discriminatedUnion('type', [
  /** The core holds the folder's lock: the key may be opened now (database-key.ts wants the lock held). */
  z.object({ type: z.literal('key-wanted') }),
  z.object({ type: z.literal('ready') }),
  /** The folder could not be opened; `message` is the one line of Chinese startupErrorLine gives. */
  z.object({ type: z.literal('failed'), message: z.string() }),
  /** `result` is checked apart (replyResultSchema), so a bad one is refused to its own caller. */
  z.object({ type: z.literal('reply'), id: callIdSchema, result: z.unknown() }),
]);
export type FromCore = z.infer<typeof fromCoreSchema>;

/** The result's value is the contract's business (the renderer parses it); here only its envelope. */
export const replyResultSchema = apiResultSchema(z.unknown());
