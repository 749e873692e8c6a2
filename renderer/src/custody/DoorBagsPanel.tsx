import { useState, type FormEvent } from 'react';
import { normaliseBagCode } from '../../../shared/custody/bags';
import { STEP_DEFINITIONS, stepAllows, type CustodyStep, type PartyPart } from '../../../shared/custody/custody-steps';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useDeviceClock } from '../clock/device-clock';
import { useRefusalText, useT } from '../i18n/i18n';
import { useScanner } from '../scanner/use-scanner';
import { NO_BADGES, badgesComplete, placeBadge, staffOfBadge, type Badges } from './badge-parts';
import { BadgePartsField } from './BadgePartsField';
import { useCustody, useSealReturnBag, type BagView } from './custody-api';
import { hhmm, stateTone, useCustodyLabels } from './custody-labels';
import { HandoffForm } from './HandoffForm';
import '../record/record.css';
import './custody.css';

const ROOM_STEPS: readonly ('arrive' | 'show-seal' | 'open')[] = ['arrive', 'show-seal', 'open'];

const ready = (bag: BagView, step: CustodyStep) => stepAllows(step, bag.kind, bag.state);

/**
 * 本考场试卷袋 at the door (item 7): the room's bags and where they stand, and the steps this laptop
 * records for them: 到达考场, 验封, 启封 and 装袋密封, each by the proctors' badges.
 */
export function DoorBagsPanel({ day, roomNo, onDialog }: { day: DayView; roomNo: string; onDialog: (open: boolean) => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const labels = useCustodyLabels();
  const custody = useCustody(roomNo);
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  const [dialog, setDialogState] = useState<CustodyStep | 'seal-return' | null>(null);
  const setDialog = (next: typeof dialog) => {
    setDialogState(next);
    onDialog(next !== null);
  };
  const bags = custody.value?.bags ?? [];
  const overdue = custody.value?.overdue ?? [];
  return (
    <section className="custody-door" data-testid="door-bags">
      <div className="rec-row">
        {ROOM_STEPS.map((step) => (
          <button
            key={step}
            type="button"
            className="rec-action"
            disabled={!bags.some((b) => ready(b, step))}
            onClick={() => setDialog(step)}
            data-testid={`door-bags-${step}`}
          >
            {labels.step(step)}
            <span className="rec-pill">{bags.filter((b) => ready(b, step)).length}</span>
          </button>
        ))}
        <button type="button" className="rec-action" onClick={() => setDialog('seal-return')} data-testid="door-bags-seal-return">
          {t('custody.sealReturn')}
        </button>
      </div>
      {overdue.length > 0 && (
        <ul className="custody-overdue">
          {overdue.map((o) => (
            <li key={`${o.bagCode}/${o.rule}`}>{refusalText(o)}</li>
          ))}
        </ul>
      )}
      {!custody.value ? (
        <p className="muted">{custody.error ? custody.error.message : t('custody.loading')}</p>
      ) : bags.length === 0 ? (
        <p className="muted">{t('custody.noRoomBags')}</p>
      ) : (
        <table className="custody-table custody-door-table">
          <thead>
            <tr>
              <th>{t('custody.col.code')}</th>
              <th>{t('custody.col.kind')}</th>
              <th>{t('custody.col.count')}</th>
              <th>{t('custody.col.state')}</th>
              <th>{t('custody.col.since')}</th>
            </tr>
          </thead>
          <tbody>
            {bags.map((b) => (
              <tr key={b.code} data-testid={`door-bag-${b.code}`}>
                <td className="mono">{b.code}</td>
                <td>{labels.kind(b.kind)}</td>
                <td>{b.count}</td>
                <td>
                  <span className={`custody-state custody-tone-${stateTone(b.state)}`} data-testid="bag-state">
                    {labels.state(b.state)}
                  </span>
                </td>
                <td>{hhmm(b.since, offsetMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog !== null && dialog !== 'seal-return' && (
        <Dialog title={labels.step(dialog)} onClose={() => setDialog(null)} closeLabel={t('reverify.close')} testId="door-step" wide>
          <HandoffForm
            day={day}
            bags={bags}
            steps={[dialog]}
            presetBags={bags.filter((b) => ready(b, dialog)).map((b) => b.code)}
            onRecorded={custody.refresh}
            testId="door-step-form"
          />
        </Dialog>
      )}
      {dialog === 'seal-return' && <SealReturnDialog day={day} roomNo={roomNo} onDone={custody.refresh} onClose={() => setDialog(null)} />}
    </section>
  );
}

/** 收卷装袋 (E): a return bag sealed with its count, by both proctors' badges; its code scanned or made new. */
function SealReturnDialog({ day, roomNo, onDone, onClose }: { day: DayView; roomNo: string; onDone: () => void; onClose: () => void }) {
  const t = useT();
  const labels = useCustodyLabels();
  const refusalText = useRefusalText();
  const seal = useAction(useSealReturnBag());
  const rules = STEP_DEFINITIONS['seal-return'].parties;
  const [kind, setKind] = useState<'paper-return' | 'answer-sheet-return'>('paper-return');
  const [count, setCount] = useState('');
  const [code, setCode] = useState('');
  const [sealNo, setSealNo] = useState('');
  const [badges, setBadges] = useState<Badges>(NO_BADGES);
  const [sealedText, setSealedText] = useState<string | null>(null);
  const message = seal.error ? { ok: false, text: refusalText(seal.error) } : sealedText !== null ? { ok: true, text: sealedText } : null;
  const addBadge = (badge: string) => {
    const placed = placeBadge(rules, badges, badge, staffOfBadge(day.staff, badge)?.role);
    if ('refused' in placed) seal.complain(t(placed.refused === 'duplicate' ? 'custody.badgeTwice' : 'custody.badgesFull'));
    else setBadges(placed.badges);
  };
  useScanner((text) => (staffOfBadge(day.staff, text) ? addBadge(text) : setCode(normaliseBagCode(text))));
  const removeBadge = (part: PartyPart, badge: string) => setBadges((b) => ({ ...b, [part]: b[part].filter((c) => c !== badge) }));
  const ok = /^\d+$/.test(count.trim()) && badgesComplete(rules, badges);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ok) return;
    const answer = await seal.run({
      roomNo,
      kind,
      count: Number(count.trim()),
      performers: badges.performer,
      ...(code.trim() ? { code: normaliseBagCode(code) } : {}),
      ...(sealNo.trim() ? { sealNo: sealNo.trim() } : {}),
    });
    if (!answer?.ok) return;
    setSealedText(t('custody.sealedReturn', { code: answer.value.bagCode, time: hhmm(answer.value.committedAt, null) }));
    setCount('');
    setCode('');
    setSealNo('');
    setBadges(NO_BADGES);
    onDone();
  };
  return (
    <Dialog title={t('custody.sealReturn')} onClose={onClose} closeLabel={t('reverify.close')} testId="seal-return" wide>
      <form onSubmit={(e) => void submit(e)} className="rec-block">
        <div className="custody-form-grid">
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.col.kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} data-testid="seal-return-kind">
              {(['paper-return', 'answer-sheet-return'] as const).map((k) => (
                <option key={k} value={k}>
                  {labels.kind(k)}
                </option>
              ))}
            </select>
          </label>
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.col.count')}</span>
            <input inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} data-testid="seal-return-count" />
          </label>
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.returnCode')}</span>
            <input className="mono" value={code} placeholder={t('custody.returnCodeNew')} onChange={(e) => setCode(e.target.value)} data-testid="seal-return-code" />
          </label>
          <label className="rec-field rec-field-stack">
            <span className="rec-label">{t('custody.sealNo')}</span>
            <input value={sealNo} onChange={(e) => setSealNo(e.target.value)} data-testid="seal-return-seal" />
          </label>
        </div>
        <BadgePartsField rules={rules} badges={badges} staff={day.staff} onBadge={addBadge} onRemove={removeBadge} testId="seal-return-badges" />
        <div className="rec-row">
          <button type="submit" className="rec-primary" disabled={seal.busy || !ok} data-testid="seal-return-submit">
            {t('custody.sealReturn')}
          </button>
        </div>
      </form>
      {message && (
        <p className={message.ok ? 'rec-ok' : 'rec-error'} role="status" data-testid="seal-return-message">
          {message.text}
        </p>
      )}
    </Dialog>
  );
}
