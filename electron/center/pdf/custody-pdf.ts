import { STAFF_ROLE_LABELS } from '../../../shared/domain/labels';
import type { ExamPlan } from '../../../shared/domain/types';
import { BAG_KIND_LABELS } from '../../../shared/custody/bags';
import type { CustodyHistoryItem } from '../../../shared/custody/custody-log';
import { BAG_STATE_LABELS, CUSTODY_PLACE_LABELS, CUSTODY_STEP_LABELS } from '../../../shared/custody/custody-steps';
import { PARTY_PART_LABELS } from '../../../shared/custody/step-refusal';
import type { CustodyStatus } from '../day-view';
import { clockText, renderSheet } from './pdf-sheet';

export const CUSTODY_PDF_PATH = 'pdf/试卷流转记录.pdf';

// As the site's custody screen words them (renderer i18n custody.underException / notApplied).
const STANDING_TEXT: Record<CustodyHistoryItem['standing'], string> = { applied: '', 'under-exception': '（主考例外）', 'not-applied': '（未生效）' };

const partiesText = (h: CustodyHistoryItem): string =>
  [...h.parties.map((p) => `${PARTY_PART_LABELS[p.part].zh} ${p.name}（${STAFF_ROLE_LABELS[p.role].zh}）`), ...(h.recipient ? [`评卷点接收人 ${h.recipient}`] : [])].join('\n');
const sealText = (h: CustodyHistoryItem): string => (h.seal ? `${h.seal.intact ? '完好' : '破损'}${h.seal.sealNo ? ` ${h.seal.sealNo}` : ''}` : '—');

/**
 * 试卷流转记录 (附件4, 附件5: 保密室 → 主考 → 主监考 → 考场 → 考务办 → 评卷) of the day as a PDF for the
 * day's archive: each bag, its steps with times, places and the people on both sides, the 主考's
 * exceptions, and whether the day reconciles.
 */
export function custodyPdf(input: { plan: ExamPlan | undefined; custody: CustodyStatus; roomLabel: (roomNo: string) => string }, at: Date): Promise<Uint8Array> {
  const { plan, custody, roomLabel } = input;
  return renderSheet({ title: `试卷流转记录 ${plan?.date ?? ''}`.trim(), at }, (w) => {
    w.title('试卷流转记录');
    w.facts([
      ['评价机构', plan?.organisation ?? '—'],
      ['考试计划', plan?.planName ?? '—'],
      ['考试时间', plan ? `${plan.date} ${plan.startTime}—${plan.endTime}` : '—'],
      ['试卷袋', `${custody.bags} 袋`],
      ['日结', custody.dayClosed ? '已日结' : '未日结'],
      ['核对', custody.reconciliation.reconciled ? '全部袋已按规定交回或启封' : `有 ${custody.reconciliation.problems.length} 项问题`],
    ]);
    if (custody.reconciliation.problems.length > 0) {
      w.heading('核对问题');
      w.table(
        [
          { header: '袋号', share: 0.2 },
          { header: '问题', share: 0.6 },
          { header: '主考例外', share: 0.2 },
        ],
        custody.reconciliation.problems.map((p) => [p.bagCode, p.message, p.signed ? '已签' : '未签']),
        '',
      );
    }
    for (const bag of custody.timeline) {
      const kind = (BAG_KIND_LABELS as Record<string, { zh: string } | undefined>)[bag.kind]?.zh ?? bag.kind;
      w.heading(`${bag.code} ${kind}${bag.roomNo ? ` · ${roomLabel(bag.roomNo)}` : ' · 考点'} · 现状：${BAG_STATE_LABELS[bag.state].zh}（${clockText(bag.since)}起）`);
      w.table(
        [
          { header: '时间', share: 0.09 },
          { header: '环节', share: 0.17 },
          { header: '地点', share: 0.1 },
          { header: '交接人员', share: 0.34 },
          { header: '份数', share: 0.08 },
          { header: '封条', share: 0.12 },
          { header: '备注', share: 0.1 },
        ],
        bag.history.map((h) => [
          clockText(h.at),
          `${CUSTODY_STEP_LABELS[h.step].zh}${STANDING_TEXT[h.standing]}`,
          CUSTODY_PLACE_LABELS[h.place].zh,
          partiesText(h),
          h.count === null ? '—' : String(h.count),
          sealText(h),
          h.note ?? '',
        ]),
        '已登记，尚无交接',
      );
      for (const e of bag.exceptions) w.line(`${clockText(e.at)} 主考例外（${e.byName}）：${e.reason}`);
    }
  });
}
