import { useState, type FormEvent } from 'react';
import type { PartyPart, PartyRule } from '../../../shared/custody/custody-steps';
import { useRoleLabel, useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { staffOfBadge, type Badges, type Staff } from './badge-parts';

const PART_KEYS: Record<PartyPart, MessageKey> = {
  giver: 'custody.part.giver',
  receiver: 'custody.part.receiver',
  performer: 'custody.part.performer',
};

/**
 * The badges a step asks for, part by part (交出 / 接收 / 经办, with how many): a scanner burst anywhere
 * on the screen or a code typed here fills the next part with room; each badge shows whose it is.
 */
export function BadgePartsField({
  rules,
  badges,
  staff,
  onBadge,
  onRemove,
  testId,
}: {
  rules: readonly PartyRule[];
  badges: Badges;
  staff: readonly Staff[];
  onBadge: (code: string) => void;
  onRemove: (part: PartyPart, code: string) => void;
  testId: string;
}) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const [typed, setTyped] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim() === '') return;
    onBadge(typed);
    setTyped('');
  };
  return (
    <div className="custody-badges" data-testid={testId}>
      {rules.map((rule) => (
        <div key={rule.part} className="custody-badge-part" data-testid={`${testId}-${rule.part}`}>
          <span className="custody-badge-label">
            {t(PART_KEYS[rule.part])}
            <small>{rule.min === rule.max ? t('custody.badgesExactly', { n: rule.min }) : t('custody.badgesRange', { min: rule.min, max: rule.max })}</small>
          </span>
          <span className="custody-badge-chips">
            {badges[rule.part].length === 0 && <span className="muted">{t('custody.scanBadge')}</span>}
            {badges[rule.part].map((code) => {
              const who = staffOfBadge(staff, code);
              return (
                <span key={code} className={`custody-chip${who ? '' : ' custody-chip-unknown'}`}>
                  {who ? `${who.name}（${roleLabel(who.role)}）` : code}
                  <button type="button" aria-label={t('custody.remove')} onClick={() => onRemove(rule.part, code)}>
                    ×
                  </button>
                </span>
              );
            })}
          </span>
        </div>
      ))}
      <form className="rec-row" onSubmit={submit}>
        <input
          className="rec-grow rec-badge"
          value={typed}
          placeholder={t('custody.badgeTyped')}
          aria-label={t('custody.badgeTyped')}
          onChange={(e) => setTyped(e.target.value)}
          data-testid={`${testId}-input`}
        />
        <button type="submit" className="rec-action" disabled={typed.trim() === ''}>
          {t('custody.add')}
        </button>
      </form>
    </div>
  );
}
