import { useState, type FormEvent } from 'react';
import { normaliseBagCode } from '../../../shared/custody/bags';
import { STEP_DEFINITIONS, type CustodyStep, type PartyPart } from '../../../shared/custody/custody-steps';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import { useScanner } from '../scanner/use-scanner';
import { NO_BADGES, badgesComplete, placeBadge, staffOfBadge, type Badges } from './badge-parts';
import { BadgePartsField } from './BadgePartsField';
import { useCustodyLabels, stateTone } from './custody-labels';
import { useRecordCustodyStep, type BagView } from './custody-api';

interface SealCheck {
  intact: boolean;
  sealNo: string;
}

/** Why this bag looks wrong for the step (a hint only: the core decides). */
function localHint(bag: BagView | undefined, step: CustodyStep): 'unknown' | 'state' | 'kind' | null {
  if (!bag) return 'unknown';
  const def = STEP_DEFINITIONS[step];
  if (!def.kinds.includes(bag.kind)) return 'kind';
  if (!def.from.includes(bag.state)) return 'state';
  return null;
}

/**
 * One custody step for one bag or many (交接): choose the step, scan each bag, check counts and
 * seals where the step asks, scan the badges part by part, submit. The core's refusal is shown as it
 * comes and nothing typed is lost; after success the 交接单 can be printed.
 */
export function HandoffForm({
  day,
  bags,
  steps,
  initialStep,
  presetBags = [],
  scannerEnabled = true,
  onRecorded,
  onPrint,
  testId = 'handoff',
}: {
  day: DayView;
  bags: readonly BagView[];
  steps: readonly CustodyStep[];
  initialStep?: CustodyStep;
  presetBags?: readonly string[];
  scannerEnabled?: boolean;
  onRecorded: () => void;
  onPrint?: (handoffId: string) => void;
  testId?: string;
}) {
  const t = useT();
  const refusalText = useRefusalText();
  const labels = useCustodyLabels();
  const record = useAction(useRecordCustodyStep());
  const [step, setStep] = useState<CustodyStep>(initialStep ?? steps[0]!);
  const [codes, setCodes] = useState<string[]>(presetBags.map(normaliseBagCode));
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [seals, setSeals] = useState<Record<string, SealCheck>>({});
  const [badges, setBadges] = useState<Badges>(NO_BADGES);
  const [recipient, setRecipient] = useState('');
  const [note, setNote] = useState('');
  const [typedBag, setTypedBag] = useState('');
  const busy = record.busy;
  const [recorded, setRecorded] = useState<{ text: string; handoffId: string } | null>(null);
  const message: { ok: boolean; text: string; handoffId?: string } | null = record.error ? { ok: false, text: refusalText(record.error) } : recorded ? { ok: true, ...recorded } : null;
  const clearMessage = () => {
    record.reset();
    setRecorded(null);
  };
  const def = STEP_DEFINITIONS[step];
  const byCode = new Map(bags.map((b) => [normaliseBagCode(b.code), b]));

  const addBag = (raw: string) => {
    const code = normaliseBagCode(raw);
    if (code === '') return;
    clearMessage();
    setCodes((prev) => (prev.includes(code) ? prev : [...prev, code]));
  };
  const addBadge = (code: string) => {
    const placed = placeBadge(def.parties, badges, code, staffOfBadge(day.staff, code)?.role);
    if ('refused' in placed) record.complain(t(placed.refused === 'duplicate' ? 'custody.badgeTwice' : 'custody.badgesFull'));
    else {
      clearMessage();
      setBadges(placed.badges);
    }
  };
  const removeBadge = (part: PartyPart, code: string) => setBadges((b) => ({ ...b, [part]: b[part].filter((c) => c !== code) }));
  // A burst is a badge when the day's staff list knows it, else a bag: one scanner serves both.
  useScanner((text) => (staffOfBadge(day.staff, text) ? addBadge(text) : addBag(text)), { enabled: scannerEnabled && !busy });

  const chooseStep = (next: CustodyStep) => {
    setStep(next);
    setBadges(NO_BADGES);
    clearMessage();
  };
  const sealOf = (code: string): SealCheck => seals[code] ?? { intact: false, sealNo: '' };
  const countsMissing = def.countChecked && codes.some((c) => !/^\d+$/.test((counts[c] ?? '').trim()));
  const recipientMissing = step === 'deliver' && recipient.trim() === '';
  const ready = codes.length > 0 && !countsMissing && !recipientMissing && badgesComplete(def.parties, badges);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    const answer = await record.run({
      step,
      bagCodes: codes,
      givers: badges.giver,
      receivers: badges.receiver,
      performers: badges.performer,
      counts: def.countChecked ? codes.map((c) => ({ bagCode: c, count: Number((counts[c] ?? '').trim()) })) : [],
      seals: def.sealChecked
        ? codes.map((c) => {
            const seal = sealOf(c);
            return seal.sealNo.trim() === '' ? { bagCode: c, intact: seal.intact } : { bagCode: c, intact: seal.intact, sealNo: seal.sealNo.trim() };
          })
        : [],
      ...(step === 'deliver' ? { recipient: recipient.trim() } : {}),
      ...(note.trim() !== '' ? { note: note.trim() } : {}),
    });
    if (!answer?.ok) return;
    setRecorded({ text: t('custody.recorded', { n: answer.value.recorded }), handoffId: answer.value.handoffId });
    setCodes([]);
    setCounts({});
    setSeals({});
    setBadges(NO_BADGES);
    setRecipient('');
    setNote('');
    onRecorded();
  };

  return (
    <form className="custody-handoff" onSubmit={(e) => void submit(e)} data-testid={testId}>
      {steps.length > 1 && (
        <div className="custody-steps" role="radiogroup" aria-label={t('custody.step')}>
          {steps.map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={s === step}
              className="custody-step-choice"
              data-testid={`${testId}-step-${s}`}
              onClick={() => chooseStep(s)}
            >
              {labels.step(s)}
            </button>
          ))}
        </div>
      )}
      <section className="custody-block custody-handoff-bags">
        <h3>
          {t('custody.bagsScanned', { n: codes.length })}
          <small className="muted">{t('custody.scanBagsHint')}</small>
        </h3>
        <div className="rec-row">
          <input
            className="rec-grow"
            value={typedBag}
            placeholder={t('custody.bagTyped')}
            aria-label={t('custody.bagTyped')}
            onChange={(e) => setTypedBag(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              addBag(typedBag);
              setTypedBag('');
            }}
            data-testid={`${testId}-bag-input`}
          />
        </div>
        {codes.length > 0 && (
          <table className="custody-table" data-testid={`${testId}-bags`}>
            <thead>
              <tr>
                <th>{t('custody.col.code')}</th>
                <th>{t('custody.col.kind')}</th>
                <th>{t('custody.col.room')}</th>
                <th>{t('custody.col.state')}</th>
                {def.countChecked && <th>{t('custody.col.counted')}</th>}
                {def.sealChecked && <th>{t('custody.col.seal')}</th>}
                <th />
              </tr>
            </thead>
            <tbody>
              {codes.map((code) => {
                const bag = byCode.get(code);
                const hint = localHint(bag, step);
                return (
                  <tr key={code} data-testid={`${testId}-bag-${code}`}>
                    <td className="mono">{code}</td>
                    <td>{bag ? labels.kind(bag.kind) : '—'}</td>
                    <td>{bag?.roomNo ?? '—'}</td>
                    <td>
                      {bag && <span className={`custody-state custody-tone-${stateTone(bag.state)}`}>{labels.state(bag.state)}</span>}
                      {hint && <span className="custody-hint">{t(`custody.hint.${hint}`)}</span>}
                    </td>
                    {def.countChecked && (
                      <td>
                        <input
                          className="custody-count"
                          inputMode="numeric"
                          value={counts[code] ?? ''}
                          aria-label={t('custody.countFor', { code })}
                          onChange={(e) => setCounts((c) => ({ ...c, [code]: e.target.value }))}
                          data-testid={`${testId}-count-${code}`}
                        />
                        {bag && <small className="muted"> / {bag.count}</small>}
                      </td>
                    )}
                    {def.sealChecked && (
                      <td className="custody-seal-cell">
                        <label className="rec-check">
                          <input
                            type="checkbox"
                            checked={sealOf(code).intact}
                            onChange={(e) => setSeals((s) => ({ ...s, [code]: { ...sealOf(code), intact: e.target.checked } }))}
                            data-testid={`${testId}-seal-${code}`}
                          />
                          {t('custody.sealIntact')}
                        </label>
                        <input
                          className="custody-sealno"
                          value={sealOf(code).sealNo}
                          placeholder={t('custody.sealNo')}
                          aria-label={t('custody.sealNo')}
                          onChange={(e) => setSeals((s) => ({ ...s, [code]: { ...sealOf(code), sealNo: e.target.value } }))}
                        />
                      </td>
                    )}
                    <td>
                      <button type="button" className="custody-remove" onClick={() => setCodes((c) => c.filter((x) => x !== code))}>
                        {t('custody.remove')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {def.sealChecked && codes.length > 1 && (
          <button
            type="button"
            className="custody-link"
            onClick={() => setSeals((s) => Object.fromEntries(codes.map((c) => [c, { sealNo: s[c]?.sealNo ?? '', intact: true }])))}
            data-testid={`${testId}-seal-all`}
          >
            {t('custody.sealAllIntact')}
          </button>
        )}
      </section>
      <div className="custody-handoff-side">
      <section className="custody-block">
        <h3>{t('custody.badgesTitle')}</h3>
        <BadgePartsField rules={def.parties} badges={badges} staff={day.staff} onBadge={addBadge} onRemove={removeBadge} testId={`${testId}-badges`} />
        {step === 'deliver' && (
          <label className="rec-field">
            <span className="rec-label">{t('custody.recipient')}</span>
            <input value={recipient} maxLength={40} onChange={(e) => setRecipient(e.target.value)} data-testid={`${testId}-recipient`} />
          </label>
        )}
        <label className="rec-field">
          <span className="rec-label">{t('custody.note')}</span>
          <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid={`${testId}-note`} />
        </label>
      </section>
      <div className="rec-row">
        <button type="submit" className="rec-primary" disabled={!ready || busy} data-testid={`${testId}-submit`}>
          {t('custody.submit', { step: labels.step(step) })}
        </button>
        {!ready && (
          <span className="muted" data-testid={`${testId}-missing`}>
            {codes.length === 0
              ? t('custody.needBags')
              : countsMissing
                ? t('custody.needCounts')
                : recipientMissing
                  ? t('custody.needRecipient')
                  : t('custody.needBadges')}
          </span>
        )}
      </div>
      {message && (
        <div className={message.ok ? 'rec-ok custody-message' : 'rec-error custody-message'} role="status" data-testid={`${testId}-message`}>
          <span>{message.text}</span>
          {message.ok && message.handoffId && onPrint && (
            <button type="button" className="rec-action" onClick={() => onPrint(message.handoffId!)} data-testid={`${testId}-print`}>
              {t('custody.printReceipt')}
            </button>
          )}
        </div>
      )}
      </div>
    </form>
  );
}
