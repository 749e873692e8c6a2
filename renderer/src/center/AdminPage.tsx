import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CENTER_ROLE_CHOICES } from '../../../shared/center/center-admin';
import { MIN_PASSWORD_LENGTH, type CenterRoleName } from '../../../shared/center/center-roles';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { centerApi, valueOf, type AdminAction, type CenterUser, type EnrolmentCode } from './center-api';
import { roleKey, useWhen } from './center-i18n';
import { RetentionSettings } from './Retention';

const ACTION_KEYS: Record<AdminAction['action'], MessageKey> = {
  'add-user': 'centerPage.admin.action.add-user',
  'reset-password': 'centerPage.admin.action.reset-password',
  'disable-user': 'centerPage.admin.action.disable-user',
  'enable-user': 'centerPage.admin.action.enable-user',
  'issue-code': 'centerPage.admin.action.issue-code',
  'revoke-code': 'centerPage.admin.action.revoke-code',
};

/**
 * 用户与登记码 (issue 14 item 3), for the 中心管理员 only: the center's accounts (add a reviewer or
 * auditor, reset a password, disable) and each organisation's enrolment codes (issue, revoke), with
 * the record of who changed what. The server checks the role again on every request.
 */
export function AdminPage({ me, onBack }: { me: string; onBack: () => void }) {
  const t = useT();
  return (
    <section data-testid="admin-page">
      <button type="button" className="center-link" onClick={onBack}>
        {t('centerPage.day.back')}
      </button>
      <h2>{t('centerPage.admin')}</h2>
      <Users me={me} />
      <Codes />
      <RetentionSettings />
      <AdminLog />
    </section>
  );
}

function useRefresh(): () => void {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['admin'] });
}

function Users({ me }: { me: string }) {
  const t = useT();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: () => valueOf(centerApi.users()) });
  const refresh = useRefresh();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<CenterRoleName>('reviewer');
  const [password, setPassword] = useState('');
  const add = useMutation({
    mutationFn: () => valueOf(centerApi.addUser(username.trim(), role, password)),
    onSuccess: () => {
      setUsername('');
      setPassword('');
      refresh();
    },
  });
  return (
    <>
      <h3>{t('centerPage.admin.users')}</h3>
      {users.isError && <p className="center-error">{users.error.message}</p>}
      <table className="center-table" data-testid="admin-users">
        <thead>
          <tr>
            <th>{t('centerPage.admin.username')}</th>
            <th>{t('centerPage.admin.role')}</th>
            <th>{t('centerPage.admin.createdAt')}</th>
            <th>{t('centerPage.admin.status')}</th>
            <th>{t('centerPage.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <UserRow key={u.username} user={u} isMe={u.username === me} onChanged={refresh} />
          ))}
        </tbody>
      </table>
      <form
        className="center-admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <label>
          {t('centerPage.admin.username')}
          <input value={username} onChange={(e) => setUsername(e.target.value)} placeholder={t('centerPage.admin.usernameHint')} autoComplete="off" required maxLength={32} />
        </label>
        <label>
          {t('centerPage.admin.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as CenterRoleName)} aria-label={t('centerPage.admin.role')}>
            {CENTER_ROLE_CHOICES.map((r) => (
              <option key={r} value={r}>
                {t(roleKey(r))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('centerPage.admin.initialPassword')}
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} maxLength={200} />
        </label>
        <button type="submit" disabled={add.isPending}>
          {t('centerPage.admin.addUser')}
        </button>
        {add.isError && <span className="center-error">{add.error.message}</span>}
        {add.isSuccess && <span className="center-ok">{t('centerPage.admin.added', { username: add.data.username })}</span>}
      </form>
    </>
  );
}

function UserRow({ user, isMe, onChanged }: { user: CenterUser; isMe: boolean; onChanged: () => void }) {
  const t = useT();
  const when = useWhen();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () => valueOf(centerApi.resetPassword(user.username, password)),
    onSuccess: () => {
      setPassword('');
      setResetting(false);
      onChanged();
    },
  });
  const toggle = useMutation({ mutationFn: () => valueOf(centerApi.setDisabled(user.username, user.disabledAt === null)), onSuccess: onChanged });
  const error = reset.error ?? toggle.error;
  return (
    <tr data-testid={`admin-user-${user.username}`} className={user.disabledAt ? 'center-muted' : ''}>
      <td>
        {user.username}
        {isMe ? t('centerPage.admin.me') : ''}
      </td>
      <td>{t(roleKey(user.role))}</td>
      <td>{when(user.createdAt)}</td>
      <td className={user.disabledAt ? 'center-warn' : ''}>{user.disabledAt ? t('centerPage.admin.disabledAt', { at: when(user.disabledAt) }) : t('centerPage.admin.active')}</td>
      <td>
        {resetting ? (
          <form
            className="center-resolve"
            onSubmit={(e) => {
              e.preventDefault();
              reset.mutate();
            }}
          >
            <input type="password" aria-label={t('centerPage.admin.newPasswordLabel', { username: user.username })} placeholder={t('centerPage.admin.newPasswordHint', { min: MIN_PASSWORD_LENGTH })} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} maxLength={200} />
            <button type="submit" disabled={reset.isPending}>
              {t('centerPage.admin.confirmReset')}
            </button>
            <button type="button" onClick={() => setResetting(false)}>
              {t('centerPage.cancel')}
            </button>
          </form>
        ) : (
          <>
            <button type="button" className="center-link" onClick={() => setResetting(true)}>
              {t('centerPage.admin.resetPassword')}
            </button>
            {!isMe && (
              <button type="button" className="center-link" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
                {user.disabledAt ? t('centerPage.admin.enable') : t('centerPage.admin.disable')}
              </button>
            )}
          </>
        )}
        {error && <span className="center-error">{error.message}</span>}
      </td>
    </tr>
  );
}

function Codes() {
  const t = useT();
  const codes = useQuery({ queryKey: ['admin', 'codes'], queryFn: () => valueOf(centerApi.codes()) });
  const refresh = useRefresh();
  const [organisation, setOrganisation] = useState('');
  const issue = useMutation({ mutationFn: () => valueOf(centerApi.issueCode(organisation.trim())), onSuccess: refresh });
  return (
    <>
      <h3>{t('centerPage.admin.codes')}</h3>
      <p className="center-muted">{t('centerPage.admin.codesExplain')}</p>
      <form
        className="center-admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          issue.mutate();
        }}
      >
        <label className="center-grow">
          {t('centerPage.admin.organisationHint')}
          <input value={organisation} onChange={(e) => setOrganisation(e.target.value)} required maxLength={120} aria-label={t('centerPage.admin.organisation')} />
        </label>
        <button type="submit" disabled={issue.isPending}>
          {t('centerPage.admin.issueCode')}
        </button>
        {issue.isError && <span className="center-error">{issue.error.message}</span>}
      </form>
      {issue.data && (
        <p className="center-issued" data-testid="issued-code">
          {t('centerPage.admin.newCode')}
          <code>{issue.data.code}</code>
          {t('centerPage.admin.issued', { until: issue.data.expiresAt.slice(0, 10) })}
        </p>
      )}
      {codes.isError && <p className="center-error">{codes.error.message}</p>}
      <table className="center-table" data-testid="admin-codes">
        <thead>
          <tr>
            <th>{t('centerPage.admin.codeOrg')}</th>
            <th>{t('centerPage.admin.code')}</th>
            <th>{t('centerPage.admin.issuedCol')}</th>
            <th>{t('centerPage.admin.validUntil')}</th>
            <th>{t('centerPage.admin.status')}</th>
            <th>{t('centerPage.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(codes.data ?? []).map((c) => (
            <CodeRow key={c.codeHash} code={c} onChanged={refresh} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function CodeRow({ code, onChanged }: { code: EnrolmentCode; onChanged: () => void }) {
  const t = useT();
  const when = useWhen();
  const revoke = useMutation({ mutationFn: () => valueOf(centerApi.revokeCode(code.codeHash)), onSuccess: onChanged });
  const expired = code.expiresAt <= new Date().toISOString();
  return (
    <tr className={code.revokedAt || expired ? 'center-muted' : ''}>
      <td>{code.organisation}</td>
      <td>{code.hint ? <code>…-{code.hint}</code> : '—'}</td>
      <td>
        {when(code.createdAt)}
        {code.issuedBy ? ` · ${code.issuedBy}` : ''}
      </td>
      <td>{code.expiresAt.slice(0, 10)}</td>
      <td>{code.revokedAt ? t('centerPage.admin.revokedAt', { at: when(code.revokedAt) }) : expired ? t('centerPage.admin.expired') : t('centerPage.admin.valid')}</td>
      <td>
        {!code.revokedAt && !expired && (
          <button type="button" className="center-link" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
            {t('centerPage.admin.revoke')}
          </button>
        )}
        {revoke.isError && <span className="center-error">{revoke.error.message}</span>}
      </td>
    </tr>
  );
}

function AdminLog() {
  const t = useT();
  const when = useWhen();
  const log = useQuery({ queryKey: ['admin', 'log'], queryFn: () => valueOf(centerApi.adminLog()) });
  if (!log.data || log.data.length === 0) return null;
  return (
    <>
      <h3>{t('centerPage.admin.log')}</h3>
      <ul className="center-admin-log" data-testid="admin-log">
        {log.data.map((a) => (
          <li key={`${a.at}-${a.action}-${a.subject}`}>
            {t('centerPage.admin.logEntry', { at: when(a.at), username: a.username, action: t(ACTION_KEYS[a.action]), subject: a.subject })}
          </li>
        ))}
      </ul>
    </>
  );
}
