import { useState } from 'react';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { roomDisplayName } from '../format';
import { useRefusalText, useRoleLabel, useT } from '../i18n/i18n';
import { useNow } from '../clock/device-clock';
import { BadgeField } from './BadgeField';
import { PinPad } from './PinPad';
import { SetPinForm } from './SetPinForm';
import { usePinStatus, useUnlockBadge, type PinStatusList } from './signin-api';
import './signin.css';

type Row = PinStatusList['staff'][number];

const timeOf = (iso: string | null): string => (iso ? new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false }) : '—');

/**
 * 胸卡 PIN at the office: setting PINs at the briefing, who has and has not set one, who is locked,
 * and the 主考's unlock.
 */
export function PinOfficeScreen({ day }: { day: DayView }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const pins = usePinStatus();
  const [unlocking, setUnlocking] = useState<Row | null>(null);
  useNow(60_000);
  const rows = pins.value?.staff ?? [];
  const hasPin = (staffId: string): boolean => rows.some((r) => r.staffId === staffId && r.hasPin);
  const stateText = (row: Row): string => {
    if (row.locked) return t('pins.stateLocked');
    if (!row.hasPin) return t('pins.stateNone');
    const base = row.setBy === 'sample' ? t('pins.stateSample') : row.setBy === 'examiner' ? t('pins.stateReset') : t('pins.stateSet');
    return row.wrongInRow > 0 ? `${base} · ${t('pins.wrongRun', { n: row.wrongInRow })}` : base;
  };

  return (
    <main className="pins-screen" data-testid="pins-screen">
      <section className="pins-set">
        <h2 className="pins-title">{t('pins.setTitle')}</h2>
        <SetPinForm day={day} hasPin={hasPin} onSaved={pins.refresh} scannerEnabled={unlocking === null} />
      </section>
      <section className="pins-list">
        <h2 className="pins-title">{t('pins.listTitle')}</h2>
        <p className="pins-summary" data-testid="pins-summary">
          {t('pins.summary', { set: rows.filter((r) => r.hasPin).length, total: rows.length, locked: rows.filter((r) => r.locked).length })}
        </p>
        <table className="pins-table">
          <thead>
            <tr>
              <th>{t('pins.colName')}</th>
              <th>{t('pins.colRole')}</th>
              <th>{t('pins.colState')}</th>
              <th>{t('pins.colLastSignIn')}</th>
              <th aria-label={t('pins.unlock')} />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.staffId} data-testid="pin-row" data-staff={row.staffId} data-state={row.locked ? 'locked' : row.hasPin ? 'set' : 'none'} className={row.locked ? 'pin-row-locked' : row.hasPin ? '' : 'pin-row-none'}>
                <td className="pins-name">{row.name}</td>
                <td>
                  {roleLabel(row.role)}
                  {row.roomNo !== undefined && ` · ${roomDisplayName(row.roomNo, day.rooms, t)}`}
                </td>
                <td>{stateText(row)}</td>
                <td>{timeOf(row.lastSignedInAt)}</td>
                <td>
                  {row.locked && (
                    <button type="button" className="pins-unlock" data-testid={`unlock-${row.staffId}`} onClick={() => setUnlocking(row)}>
                      {t('pins.unlock')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {unlocking && (
        <UnlockDialog
          row={unlocking}
          onClose={() => setUnlocking(null)}
          onDone={() => {
            setUnlocking(null);
            pins.refresh();
          }}
        />
      )}
    </main>
  );
}

/** The 主考 (or 副主考) lifts a lock with their own badge code and PIN. */
function UnlockDialog({ row, onClose, onDone }: { row: Row; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const unlock = useAction(useUnlockBadge());
  const [badge, setBadge] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const message = unlock.error ? refusalText(unlock.error) : null;
  const busy = unlock.busy;
  const submit = async (typed: string): Promise<void> => {
    if (busy || !row.badgeCode || badge === null) return;
    const answer = await unlock.run({ badgeCode: row.badgeCode, examinerBadgeCode: badge, examinerPin: typed });
    if (answer === undefined) return;
    setPin('');
    if (answer.ok) onDone();
  };
  return (
    <Dialog title={t('pins.unlockTitle', { name: row.name })} onClose={onClose} closeLabel={t('pins.close')} testId="unlock-dialog">
      <p className="signin-hint">{t('pins.unlockHint')}</p>
      {badge === null ? (
        <BadgeField onBadge={(code) => setBadge(code.trim())} testId="unlock-examiner-badge" />
      ) : (
        <>
          <p className="signin-person" data-testid="unlock-examiner">{badge}</p>
          <PinPad value={pin} onChange={setPin} onComplete={(p) => void submit(p)} disabled={busy} testId="unlock-pin" label={t('pins.examinerPin')} />
          <div className="signin-actions">
            <button type="button" className="signin-secondary" onClick={() => setBadge(null)}>
              {t('signin.otherBadge')}
            </button>
          </div>
        </>
      )}
      {message && (
        <p className="signin-message" role="alert" data-testid="unlock-message">
          {message}
        </p>
      )}
    </Dialog>
  );
}
