import type { DayView } from '../api/api';
import { useT } from '../i18n/i18n';
import type { Custody } from './custody-api';

type Finding = Custody['registryFindings'][number];

interface RoomGroup {
  roomNo: string | null;
  label: string;
  findings: Finding[];
}

/** The core's findings under their room, in the order the core gave (rooms by number, site-wide last). */
function groupByRoom(findings: readonly Finding[], rooms: DayView['rooms'], siteLabel: string): RoomGroup[] {
  const groups: RoomGroup[] = [];
  for (const finding of findings) {
    let group = groups.find((g) => g.roomNo === finding.roomNo);
    if (!group) {
      const label = finding.roomNo === null ? siteLabel : (rooms.find((r) => r.roomNo === finding.roomNo)?.name ?? finding.roomNo);
      group = { roomNo: finding.roomNo, label, findings: [] };
      groups.push(group);
    }
    group.findings.push(finding);
  }
  return groups;
}

/** The message without the room's name in front when the group's heading already says it. */
function withoutRoom(message: string, label: string): string {
  return message.startsWith(`${label} `) ? message.slice(label.length + 1) : message;
}

/**
 * 份数核对 in the registry (附件5 7:40, 8:30): the registered 试卷 and 答题卡 per room against the
 * roster, so the office sees a short room before the bags are handed out. Red is short, amber a room
 * or bag that does not match the roster, grey the 备用卷 counted apart.
 */
export function RegistryFindings({ day, custody }: { day: DayView; custody: Custody }) {
  const t = useT();
  const findings = custody.registryFindings;
  const groups = groupByRoom(findings, day.rooms, t('custody.findings.site'));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return (
    <section className="custody-panel custody-findings" data-testid="registry-findings">
      <h2 className="custody-panel-title">
        {t('custody.findings.title')}
        {errors > 0 && <span className="custody-findings-count custody-findings-count-error">{t('custody.findings.errors', { n: errors })}</span>}
        {warnings > 0 && <span className="custody-findings-count custody-findings-count-warning">{t('custody.findings.warnings', { n: warnings })}</span>}
      </h2>
      {custody.bags.length === 0 && findings.length === 0 ? (
        <p className="muted">{t('custody.noBags')}</p>
      ) : errors + warnings === 0 ? (
        <p className="custody-findings-ok" data-testid="registry-findings-ok">
          {t('custody.findings.ok')}
        </p>
      ) : null}
      {groups.length > 0 && (
        <ul className="custody-findings-groups">
          {groups.map((g) => (
            <li key={g.roomNo ?? ''} className="custody-findings-group" data-testid={`registry-findings-${g.roomNo ?? 'site'}`}>
              <span className="custody-findings-room">{g.label}</span>
              <ul>
                {g.findings.map((f, i) => (
                  <li key={i} className={`custody-finding custody-finding-${f.severity}`} data-severity={f.severity}>
                    {withoutRoom(f.message, g.label)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
