import { err, ok, type ApiResult } from '../../shared/api/result';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { Core } from './core';
import { archiveDayFiles } from './day-archive';
import { importDayPackage, openDayPackage } from './day-package';

interface DayHostDeps {
  real: () => Core;
  rehearsalRunning: () => boolean;
  /** Closes the real core, runs `archive` (which moves its files away), opens an empty one. */
  replaceReal: (archive: () => string) => string;
}

/**
 * The two calls that swap the device's record: a new exam day (the old one archived), and loading
 * the office's day package onto a door laptop.
 */
export function dayHostHandlers(deps: DayHostDeps): {
  startNewDay: (input: ApiParsedInput<'startNewDay'>) => ApiResult<ApiOutput<'startNewDay'>>;
  importDayPackage: (input: ApiParsedInput<'importDayPackage'>) => ApiResult<ApiOutput<'importDayPackage'>>;
} {
  const isEmpty = (core: Core): boolean => (core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n === 0;
  const archive = (): string | null => {
    const core = deps.real();
    if (isEmpty(core)) return null;
    return deps.replaceReal(() => archiveDayFiles(core.dataDir, new Date()));
  };

  return {
    startNewDay: () => {
      if (deps.rehearsalRunning()) return err('refused', '演练进行中，请先结束演练');
      return ok({ archivedTo: archive() });
    },

    importDayPackage: ({ content, passphrase }) => {
      if (deps.rehearsalRunning()) return err('refused', '演练进行中，请先结束演练');
      const verified = openDayPackage(content, { passphrase, deviceKey: deps.real().key });
      if (!verified.ok) return verified;
      const pkg = verified.value;
      let core = deps.real();
      if (pkg.officeDeviceId === core.deviceId) return err('refused', '这是本机导出的数据包，无需导入');
      const devices = core.db
        .prepare("SELECT DISTINCT device_id AS id FROM events WHERE type = 'plan.set'")
        .all() as { id: string }[];
      const otherOffice = devices.find((d) => d.id !== core.deviceId && d.id !== pkg.officeDeviceId);
      if (otherOffice) {
        return err('refused', `本机已载入另一台考务办设备（${otherOffice.id.slice(0, 6)}）的考试日，与此数据包不同。如确需更换，请先“开始新的考试日”`);
      }
      // A laptop holding only its own record (the sample day, an old day) sets it aside first.
      let archivedTo: string | null = null;
      if (!devices.some((d) => d.id === pkg.officeDeviceId)) {
        archivedTo = archive();
        core = deps.real();
      }
      const imported = importDayPackage(core.db, core.foreign, pkg);
      if (!imported.ok) return imported;
      return ok({
        officeDeviceId: pkg.officeDeviceId,
        planName: pkg.planName,
        eventsImported: imported.value.imported,
        eventsAlreadyHeld: imported.value.alreadyHeld,
        photos: pkg.photos.length,
        archivedTo,
      });
    },
  };
}
