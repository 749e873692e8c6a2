import type { CustodyStep } from '../../../shared/custody/custody-steps';
import type { DayView } from '../api/api';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import type { BagView } from './custody-api';
import { hhmm, minutesOf, useBagRoomName, useCustodyLabels } from './custody-labels';
import { groupByRoom } from './WhereNowPanel';

/** Each step's colour on the timeline (and in its legend): office blues, room greens, return ambers. */
export const STEP_COLOURS: Record<CustodyStep, string> = {
  store: '#6b7a90',
  'take-out': '#3d5a80',
  issue: '#1f4e8c',
  arrive: '#2a9d8f',
  'show-seal': '#52b788',
  open: '#1e7b34',
  'seal-return': '#e09f3e',
  return: '#b5651d',
  'office-seal': '#7b2cbf',
  escort: '#9d4edd',
  deliver: '#3c096c',
};

/** The 附件5 times the timeline marks, as offsets from the exam's start S or end E. */
const MILESTONES: { from: 'S' | 'E'; offset: number; key: MessageKey }[] = [
  { from: 'S', offset: -50, key: 'custody.ms.issue' },
  { from: 'S', offset: -40, key: 'custody.ms.arrive' },
  { from: 'S', offset: -5, key: 'custody.ms.open' },
  { from: 'E', offset: 0, key: 'custody.ms.collect' },
  { from: 'E', offset: 5, key: 'custody.ms.return' },
];

const LABEL_W = 200;
const WIDTH = 1280;
const LANE_H = 26;
const GROUP_H = 24;
const AXIS_H = 54;

const hm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(Math.floor(minutes % 60)).padStart(2, '0')}`;

/**
 * The bags' day as a picture (item 4): one lane per bag grouped by room, each step a mark on a time
 * axis from S−70 to E+30 (wider when the history is), with the 附件5 steps drawn across.
 */
export function BagTimeline({
  day,
  bags,
  gates,
  offsetMs,
  onBag,
}: {
  day: DayView;
  bags: readonly BagView[];
  gates: { examStartsAt: number; examEndsAt: number } | null;
  offsetMs: number | null;
  onBag?: (code: string) => void;
}) {
  const t = useT();
  const labels = useCustodyLabels();
  const times = bags.flatMap((b) => b.history.map((h) => minutesOf(h.at, offsetMs)));
  const s = gates?.examStartsAt ?? (times.length ? Math.min(...times) + 70 : 8 * 60 + 30);
  const e = gates?.examEndsAt ?? s + 90;
  const from = Math.floor(Math.min(s - 70, ...times) / 10) * 10;
  const to = Math.ceil(Math.max(e + 30, ...times) / 10) * 10;
  const x = (m: number) => LABEL_W + ((m - from) / (to - from)) * (WIDTH - LABEL_W - 16);
  const roomName = useBagRoomName(day.rooms);
  const groups = groupByRoom(bags, day.rooms);
  const rows: ({ kind: 'group'; label: string } | { kind: 'bag'; bag: BagView })[] = groups.flatMap((g) => [
    { kind: 'group' as const, label: roomName(g.roomNo) },
    ...g.bags.map((bag) => ({ kind: 'bag' as const, bag })),
  ]);
  let y = AXIS_H;
  const placed = rows.map((row) => {
    const top = y;
    y += row.kind === 'group' ? GROUP_H : LANE_H;
    return { row, top };
  });
  const height = y + 8;
  const ticks: number[] = [];
  for (let m = from; m <= to; m += 10) ticks.push(m);
  const usedSteps = [...new Set(bags.flatMap((b) => b.history.map((h) => h.step)))];

  return (
    <div className="custody-timeline" data-testid="custody-timeline">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={t('custody.timelineTitle')}>
        <rect x={0} y={0} width={WIDTH} height={height} fill="#fff" />
        {ticks.map((m) => (
          <g key={m}>
            <line x1={x(m)} x2={x(m)} y1={AXIS_H - 6} y2={height} stroke="#e6eaf0" />
            <text x={x(m)} y={AXIS_H - 10} fontSize={12} textAnchor="middle" fill="#5b6470">
              {hm(m)}
            </text>
          </g>
        ))}
        {gates &&
          MILESTONES.map((ms, i) => {
            const at = (ms.from === 'S' ? s : e) + ms.offset;
            const offset = ms.offset === 0 ? ms.from : `${ms.from}${ms.offset > 0 ? '+' : '−'}${Math.abs(ms.offset)}`;
            return (
              <g key={ms.key}>
                <line x1={x(at)} x2={x(at)} y1={i % 2 === 0 ? 4 : 20} y2={height} stroke="#b3161b" strokeDasharray="4 3" strokeWidth={1.5} />
                <text x={x(at) + 3} y={i % 2 === 0 ? 14 : 30} fontSize={13} fill="#b3161b" fontWeight={600}>
                  {offset} {t(ms.key)}
                </text>
              </g>
            );
          })}
        {placed.map(({ row, top }) =>
          row.kind === 'group' ? (
            <g key={`g-${top}`}>
              <rect x={0} y={top} width={WIDTH} height={GROUP_H} fill="#eef1f5" />
              <text x={8} y={top + 17} fontSize={15} fontWeight={700} fill="#1b1f24">
                {row.label}
              </text>
            </g>
          ) : (
            <g
              key={row.bag.code}
              className={onBag ? 'custody-lane custody-lane-link' : 'custody-lane'}
              data-testid={`lane-${row.bag.code}`}
              onClick={onBag ? () => onBag(row.bag.code) : undefined}
            >
              <rect x={0} y={top} width={WIDTH} height={LANE_H} fill="transparent" />
              <line x1={LABEL_W} x2={WIDTH - 16} y1={top + LANE_H / 2} y2={top + LANE_H / 2} stroke="#c9d1dc" />
              <text x={8} y={top + 17} fontSize={13} fill="#1b1f24">
                <tspan fontFamily="var(--mono)">{row.bag.code}</tspan>
                <tspan fill="#5b6470"> {labels.kind(row.bag.kind)}</tspan>
              </text>
              {row.bag.history.map((h) => (
                <circle
                  key={h.eventId}
                  cx={x(minutesOf(h.at, offsetMs))}
                  cy={top + LANE_H / 2}
                  r={7}
                  fill={h.standing === 'not-applied' ? '#fff' : STEP_COLOURS[h.step]}
                  stroke={STEP_COLOURS[h.step]}
                  strokeWidth={2}
                >
                  <title>{`${hhmm(h.at, offsetMs)} ${labels.step(h.step)} · ${h.parties.map((p) => p.name).join('、')}`}</title>
                </circle>
              ))}
            </g>
          ),
        )}
      </svg>
      <ul className="custody-legend">
        {usedSteps.map((step) => (
          <li key={step}>
            <span className="custody-legend-dot" style={{ background: STEP_COLOURS[step] }} />
            {labels.step(step)}
          </li>
        ))}
      </ul>
    </div>
  );
}
