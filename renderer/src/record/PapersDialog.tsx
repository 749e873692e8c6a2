import { useState } from 'react';
import { PAPER_PROBLEM_LABELS, PAPER_PROBLEMS, type PaperProblem } from '../../../shared/record/incidents';
import { PAPER_KINDS, paperCountGaps, type PaperKind } from '../../../shared/record/paper-counts';
import type { ApiResult } from '../../../shared/api/result';
import { useAction } from '../api/use-action';
import { apiClient, type RoomRecord } from '../api/api';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT, type Translate } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';

const FIELDS = ['received', 'issued', 'spare', 'absentKept', 'collected'] as const;
type Field = (typeof FIELDS)[number];
type Counts = Record<Field, string>;

const fieldLabel = (t: Translate, f: Field): string => t(`rec.${f}`);

/**
 * 试卷、答题卡 counts (received, issued, spare, absentees' kept, collected) and a problem found at
 * 启封 (数量不符、错装…), which is reported to the office's room card at once.
 */
export function PapersDialog({ roomNo, staffId, record, onDone, onClose }: { roomNo: string; staffId: string; record: RoomRecord; onDone: () => void; onClose: () => void }) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const initial = (kind: PaperKind): Counts => {
    const c = record.paperCounts.find((x) => x.kind === kind);
    return { received: String(c?.received ?? ''), issued: String(c?.issued ?? ''), spare: String(c?.spare ?? ''), absentKept: String(c?.absentKept ?? ''), collected: c?.collected === null || c?.collected === undefined ? '' : String(c.collected) };
  };
  const [counts, setCounts] = useState<Record<PaperKind, Counts>>({ paper: initial('paper'), 'answer-sheet': initial('answer-sheet') });
  const [problem, setProblem] = useState<PaperProblem>('count-mismatch');
  const [note, setNote] = useState('');
  const [amendmentReason, setAmendmentReason] = useState('');
  const refusalText = useRefusalText();
  const send = useAction((call: () => Promise<ApiResult<unknown>>) => call());
  const [saved, setSaved] = useState(false);
  const message = send.error ? { ok: false, text: refusalText(send.error) } : saved ? { ok: true, text: t('rec.saved') } : null;
  const frozen = record.signatures.frozenAt !== null;
  const amendment = frozen && amendmentReason.trim() ? { amendmentReason: amendmentReason.trim() } : {};

  const run = async (call: () => Promise<ApiResult<unknown>>) => {
    const answer = await send.run(call);
    if (!answer?.ok) return;
    setSaved(true);
    onDone();
  };
  const save = (kind: PaperKind) => {
    const c = counts[kind];
    const n = (s: string) => (s.trim() === '' ? 0 : Number(s));
    void run(() =>
      apiClient().recordPaperCount({
        roomNo,
        count: { kind, received: n(c.received), issued: n(c.issued), spare: n(c.spare), absentKept: n(c.absentKept), collected: c.collected.trim() === '' ? null : n(c.collected) },
        actorStaffId: staffId,
        ...amendment,
      }),
    );
  };

  return (
    <Dialog title={t('rec.papers')} onClose={onClose} closeLabel={t('reverify.close')} testId="papers-dialog" wide>
      <table className="rec-counts">
        <thead>
          <tr>
            <th />
            {FIELDS.map((f) => (
              <th key={f}>{fieldLabel(t, f)}</th>
            ))}
            <th />
            <th>{t('rec.balance')}</th>
          </tr>
        </thead>
        <tbody>
          {PAPER_KINDS.map((kind) => (
            <tr key={kind}>
              <th>{t(`rec.kind.${kind}`)}</th>
              {FIELDS.map((f) => (
                <td key={f}>
                  <input
                    inputMode="numeric"
                    value={counts[kind][f]}
                    data-testid={`count-${kind}-${f}`}
                    onChange={(e) => setCounts({ ...counts, [kind]: { ...counts[kind], [f]: e.target.value.replace(/\D/g, '') } })}
                  />
                </td>
              ))}
              <td>
                <button type="button" className="rec-primary" disabled={send.busy} data-testid={`count-${kind}-save`} onClick={() => save(kind)}>
                  {t('rec.saveCounts')}
                </button>
              </td>
              <td className="rec-count-balance" data-testid={`count-${kind}-balance`}>
                <BalanceCell count={record.paperCounts.find((c) => c.kind === kind)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="rec-block rec-problem">
        <h3>{t('rec.problem')}</h3>
        <div className="rec-row">
          {PAPER_PROBLEMS.map((p) => (
            <button key={p} type="button" className="rec-kind" aria-pressed={problem === p} data-testid={`paper-problem-${p}`} onClick={() => setProblem(p)}>
              {PAPER_PROBLEM_LABELS[p][language]}
            </button>
          ))}
        </div>
        <div className="rec-row">
          <input className="rec-grow" value={note} maxLength={500} placeholder={t('rec.description')} onChange={(e) => setNote(e.target.value)} data-testid="paper-problem-note" />
          <button
            type="button"
            className="rec-warn"
            disabled={send.busy}
            data-testid="paper-problem-submit"
            onClick={() => void run(() => apiClient().recordIncident({ roomNo, subject: { kind: 'papers' }, kindId: problem, cheating: false, actions: [], description: note.trim(), actorStaffId: staffId, ...amendment }))}
          >
            {t('rec.reportProblem')}
          </button>
        </div>
      </section>
      {frozen && (
        <label className="rec-field">
          <span className="rec-label">{t('rec.amendReason')}</span>
          <input value={amendmentReason} maxLength={200} onChange={(e) => setAmendmentReason(e.target.value)} data-testid="papers-amendment-reason" />
        </label>
      )}
      {message && (
        <p className={message.ok ? 'rec-ok' : 'rec-error'} data-testid="papers-message" role="status">
          {message.text}
        </p>
      )}
    </Dialog>
  );
}

/** The saved count of one kind against the balance rules, in the UI language. */
function BalanceCell({ count }: { count: RoomRecord['paperCounts'][number] | undefined }) {
  const t = useT();
  if (!count) return <span className="rec-pill">{t('rec.notCounted')}</span>;
  const gaps = paperCountGaps(count);
  if (gaps.length === 0) return <span className="rec-pill rec-balance-balanced">{count.collected === null ? t('rec.balanceReceivedOk') : t('rec.balanceOk')}</span>;
  return (
    <span className="rec-pill rec-balance-mismatch">
      {gaps.map((g) => t(g.rule === 'received' ? 'rec.gapReceived' : 'rec.gapCollected', { n: g.difference > 0 ? `+${g.difference}` : String(g.difference) })).join('; ')}
    </span>
  );
}
