import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Makes a rename in `dir` durable. Windows cannot open a folder for flushing; NTFS journals the rename. */
export function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a file that was written through another handle (SQLite's) to disk. */
export function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `file` whole or not at all, owner-only (0600): a temporary file beside it, flushed, renamed
 * over the name, and the folder flushed, so a crash or power cut never leaves an empty or cut file.
 */
export function writeFileDurably(file: string, data: string | Buffer): void {
  const temp = `${file}.tmp-${process.pid}`;
  rmSync(temp, { force: true });
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  syncFolder(dirname(file));
}
