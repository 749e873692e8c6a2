// Types for system-deps.mjs, which runs under plain Node before anything is built.
export type Probe = 'chromium' | 'cjkFont' | 'pdftotext' | 'postgresServer';
export type Privilege = 'root' | 'sudo' | 'none';
export interface Machine {
  present: Record<Probe, boolean>;
  privilege: Privilege;
  aptGet: boolean;
}
export type SystemDepsPlan =
  | { action: 'none' }
  | { action: 'stop'; message: string }
  | { action: 'install'; packages: string[]; commands: string[][] };

export const CHROMIUM_PATH: string;
export const SYSTEM_PACKAGES: readonly { name: string; probe: Probe }[];
export function missingPackages(present: Record<Probe, boolean>): string[];
export function manualCommand(packages: string[]): string;
export function planSystemDeps(situation: { missing: string[]; privilege: Privilege; aptGet: boolean }): SystemDepsPlan;
export function postgresBinDir(): string | undefined;
export function probeMachine(): Machine;
export function ensureSystemDeps(options?: {
  probe?: () => Machine;
  run?: (argv: string[]) => number;
  log?: (line: string) => void;
}): { ok: boolean; message: string };
