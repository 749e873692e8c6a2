import type { Room } from '../domain/types';
import { overrideMapping, recognizeHeaders, type HeaderRecognition, type RosterField } from './columns';
import { refusalOf, refusalZh } from '../api/refusal';
import { decodeTable, type DecodedTable, type UnreadableTable } from './decode-table';
import { validateRoster, type RosterPlanRules, type RosterValidation } from './validate-roster';

export interface RosterCheckOptions {
  plan?: RosterPlanRules | undefined;
  rooms?: readonly Room[] | undefined;
  defaultCapacity?: number;
  /** The user's column choices on top of the recognised headers (`overrideMapping`). */
  mappingOverrides?: Partial<Record<RosterField, number | null>>;
}

export type RosterCheckResult =
  | UnreadableTable
  | { ok: true; table: DecodedTable; recognition: HeaderRecognition; validation: RosterValidation };

/**
 * The whole import preview in one call: decode the file, recognise (and apply the user's fixes to) the
 * header, validate every row. `ok: false` when the file cannot be read or holds no candidate rows; row problems are
 * in `validation.findings`. Nothing is stored: the caller imports `validation.candidates` once the
 * user confirms.
 */
export function checkRosterFile(bytes: Uint8Array, fileName: string, options: RosterCheckOptions = {}): RosterCheckResult {
  const decoded = decodeTable(bytes, fileName);
  if (!decoded.ok) return decoded;
  const { ok: _ok, ...table } = decoded;
  const recognized = recognizeHeaders(table.rows);
  const recognition = options.mappingOverrides ? overrideMapping(recognized, options.mappingOverrides) : recognized;
  const validation = validateRoster({
    rows: table.rows,
    headerRowIndex: recognition.headerRowIndex,
    mapping: recognition.mapping,
    plan: options.plan,
    rooms: options.rooms,
    defaultCapacity: options.defaultCapacity,
  });
  // A header with no rows under it is not a roster of nobody: it is the wrong file or sheet. (Missing
  // columns also leave no rows, but say so themselves, and the user can map them by hand.)
  if (recognition.headerRowIndex >= 0 && validation.rows.length === 0 && validation.errorCount === 0) {
    const refusal = refusalOf('roster-no-candidates', { row: recognition.headerRowIndex + 1 });
    return { ok: false, message: refusalZh(refusal), refusal };
  }
  return { ok: true, table, recognition, validation };
}
