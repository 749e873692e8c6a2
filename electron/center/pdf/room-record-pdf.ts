import { STAFF_ROLE_LABELS } from '../../../shared/domain/labels';
import type { ExamPlan, Room } from '../../../shared/domain/types';
import { INCIDENT_ACTION_LABELS } from '../../../shared/record/incidents';
import { LEAVE_REASON_LABELS } from '../../../shared/record/hand-ins';
import { PAPER_KIND_LABELS } from '../../../shared/record/paper-counts';
import { CANDIDATE_RESULT_LABELS, type ResultRow } from '../../../shared/record/results';
import type { RoomRecord } from '../../../shared/record/room-record';
import { clockText, renderSheet, type SheetWriter } from './pdf-sheet';

/** What one room's 考场情况记录单 shows at the center: the day's facts for the room, as the site's record folds them. */
export interface RoomSheet {
  plan: ExamPlan | undefined;
  room: Room;
  /** Every candidate of the room with the day's result; the ID number masked (last four). */
  candidates: ResultRow[];
  absenteesConfirmed: { at: string; byName: string } | null;
  record: Pick<RoomRecord, 'incidents' | 'handIns' | 'leaves' | 'collected' | 'paperCounts' | 'balance' | 'seal' | 'signatures' | 'signingProblems' | 'amendments'>;
}

type Person = { name: string; role: keyof typeof STAFF_ROLE_LABELS | 'system' };
const personText = (p: Person | null): string => (p ? `${p.name}（${p.role === 'system' ? '系统' : STAFF_ROLE_LABELS[p.role].zh}）` : '—');
const seatText = (c: { seatNo: number | null; ticketNo: string | null; name: string | null }): string =>
  c.ticketNo === null ? '—' : `${c.seatNo ?? '?'}号座 ${c.ticketNo} ${c.name ?? ''}`.trim();
const BALANCE_TEXT: Record<RoomRecord['balance'], string> = { balanced: '份数相符', mismatch: '份数不符', unknown: '尚未清点完毕' };

/**
 * File name of a room's PDF in the day's archive, distinct from those `taken`: a room number is free
 * text, so anything that could step out of the folder (/ \\ ..) becomes _.
 */
export function roomRecordPdfPath(roomNo: string, taken: ReadonlySet<string>): string {
  const safe = roomNo.replace(/[^\p{L}\p{N}_-]/gu, '_');
  for (let n = 1; ; n += 1) {
    const path = `pdf/考场情况记录单-${safe}${n === 1 ? '' : `-${n}`}.pdf`;
    if (!taken.has(path)) return path;
  }
}

/**
 * 考场情况记录单 (附件5 9:00 缺考、作弊人员信息; 10:05 主监考、副监考签字) of one room as a PDF for the
 * day's archive: the exam and room, 应到/实到/缺考 with their tickets, 违纪舞弊 with what was done, the
 * paper counts and the signatures with names and times. ID numbers only masked.
 */
export function roomRecordPdf(sheet: RoomSheet, at: Date): Promise<Uint8Array> {
  return renderSheet({ title: `考场情况记录单 ${sheet.room.name}`, at }, (w) => drawRoomRecord(w, sheet));
}

function drawRoomRecord(w: SheetWriter, { plan, room, candidates, absenteesConfirmed, record }: RoomSheet): void {
  const by = (result: ResultRow['result']) => candidates.filter((c) => c.result === result);
  const absent = by('absent');
  const cheating = by('cheating');
  w.title('考场情况记录单');
  w.facts([
    ['评价机构', plan?.organisation ?? '—'],
    ['考试计划', plan?.planName ?? '—'],
    ['考试科目', plan?.subject ?? '—'],
    ['考试时间', plan ? `${plan.date} ${plan.startTime}—${plan.endTime}` : '—'],
    ['考场', `${room.name}（${room.roomNo}）`],
    ['地点', room.location || plan?.siteAddress || '—'],
  ]);

  w.heading('一、考生情况');
  w.facts([
    ['应到', `${candidates.length} 人`],
    ['实到', `${by('sat').length + cheating.length} 人`],
    ['缺考', `${absent.length} 人`],
    ['舞弊', `${cheating.length} 人`],
    ['待定', `${by('pending').length} 人`],
    ['缺考名单确认', absenteesConfirmed ? `${absenteesConfirmed.byName} ${clockText(absenteesConfirmed.at)}` : '未确认'],
  ]);
  const seatColumns = [
    { header: '座位号', share: 0.12 },
    { header: '准考证号', share: 0.34 },
    { header: '姓名', share: 0.26 },
    { header: '证件号码（后四位）', share: 0.28 },
  ];
  w.line('缺考考生：');
  w.table(seatColumns, absent.map((c) => [String(c.seatNo), c.ticketNo, c.name, c.idMasked]), '无');

  w.heading('二、违纪、舞弊及试卷问题');
  w.table(
    [
      { header: '时间', share: 0.09 },
      { header: '考生 / 试卷', share: 0.22 },
      { header: '类别', share: 0.15 },
      { header: '处理', share: 0.18 },
      { header: '情况说明', share: 0.2 },
      { header: '记录人', share: 0.16 },
    ],
    record.incidents.map((i) => [
      clockText(i.occurredAt),
      i.subject === 'papers' ? '试卷' : seatText(i),
      `${i.kindLabel}${i.cheating ? '（舞弊）' : ''}`,
      i.actions.map((a) => INCIDENT_ACTION_LABELS[a].zh).join('、') || '—',
      [
        i.description,
        i.witness ? `见证人 ${personText(i.witness)}` : '',
        i.withdrawn ? '（已撤销）' : '',
        ...i.corrections.map((c) => `${clockText(c.at)} ${c.by.name}${c.correction === 'withdrawn' ? '撤销' : '更正'}：${c.reason}`),
        i.amendment ? '（签字后补记）' : '',
      ]
        .filter((t) => t.length > 0)
        .join('\n'),
      `${personText(i.recorded.by)} ${clockText(i.recorded.at)}`,
    ]),
    '无',
  );

  w.heading('三、提前交卷与离场');
  w.table(
    [
      { header: '座位号', share: 0.1 },
      { header: '准考证号', share: 0.26 },
      { header: '姓名', share: 0.18 },
      { header: '情况', share: 0.3 },
      { header: '时间', share: 0.16 },
    ],
    [
      ...record.handIns.map((h) => [String(h.seatNo), h.ticketNo, h.name, `交卷（${h.by.name}）`, clockText(h.at)]),
      ...record.leaves.map((l) => [
        String(l.seatNo),
        l.ticketNo,
        l.name,
        `${LEAVE_REASON_LABELS[l.reason].zh}离场${l.accompaniedBy ? `，${l.accompaniedBy.name}陪同` : ''}${l.note ? `：${l.note}` : ''}`,
        `${clockText(l.leftAt)}—${l.returnedAt ? clockText(l.returnedAt) : '未返回'}`,
      ]),
    ],
    '无',
  );

  w.heading('四、试卷、答题卡');
  w.facts([
    ['验封、启封', record.seal.shownAt ? `${clockText(record.seal.shownAt)} ${personText(record.seal.by)}` : '未记录'],
    ['收卷', record.collected ? `${clockText(record.collected.at)} ${record.collected.by.name}，收回 ${record.collected.count} 人` : '未记录'],
  ]);
  w.table(
    [
      { header: '类别', share: 0.1 },
      { header: '收到', share: 0.08 },
      { header: '发出', share: 0.08 },
      { header: '备用', share: 0.08 },
      { header: '缺考留存', share: 0.1 },
      { header: '收回', share: 0.08 },
      { header: '清点人', share: 0.22 },
      { header: '问题', share: 0.26 },
    ],
    record.paperCounts.map((c) => [
      PAPER_KIND_LABELS[c.kind].zh,
      String(c.received),
      String(c.issued),
      String(c.spare),
      String(c.absentKept),
      c.collected === null ? '—' : String(c.collected),
      `${c.by.name} ${clockText(c.at)}`,
      c.problems.join('\n') || '—',
    ]),
    '尚未清点',
  );
  w.line(`核对结果：${BALANCE_TEXT[record.balance]}`);

  w.heading('五、签字');
  const { chief, second, exception } = record.signatures;
  w.table(
    [
      { header: '签字栏', share: 0.2 },
      { header: '姓名', share: 0.25 },
      { header: '时间', share: 0.15 },
      { header: '说明', share: 0.4 },
    ],
    [
      ['主监考', chief?.name ?? '未签字', clockText(chief?.at), ''],
      ['副监考', second?.name ?? '未签字', clockText(second?.at), ''],
      ...(exception ? [['主考例外签字', exception.name, clockText(exception.at), exception.reason]] : []),
    ],
    '',
  );
  if (record.signatures.frozenAt === null && record.signingProblems.length > 0) w.line(`尚不能签字：${record.signingProblems.join('；')}`);
  if (record.amendments.length > 0) {
    w.line('签字后补记：');
    w.table(
      [
        { header: '时间', share: 0.12 },
        { header: '记录人', share: 0.24 },
        { header: '补记内容', share: 0.34 },
        { header: '原因', share: 0.3 },
      ],
      record.amendments.map((a) => [clockText(a.at), personText(a.by), a.what, a.reason]),
      '',
    );
  }

  w.heading('六、考生名单及结果');
  w.table(
    [...seatColumns.map((c) => ({ ...c, share: c.share * 0.84 })), { header: '结果', share: 0.16 }],
    candidates.map((c) => [String(c.seatNo), c.ticketNo, c.name, c.idMasked, CANDIDATE_RESULT_LABELS[c.result].zh]),
    '无考生',
  );
}
