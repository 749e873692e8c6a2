import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CENTER_ROLE_CHOICES } from '../../../shared/center/center-admin';
import { CENTER_ROLE_NAMES, MIN_PASSWORD_LENGTH, type CenterRoleName } from '../../../shared/center/center-roles';
import { centerApi, valueOf, type AdminAction, type CenterUser, type EnrolmentCode } from './center-api';
import { RetentionSettings } from './Retention';

const when = (iso: string): string => new Date(iso).toLocaleString('zh-CN');
const ACTION_NAMES: Record<AdminAction['action'], string> = {
  'add-user': '添加用户',
  'reset-password': '重设密码',
  'disable-user': '停用账户',
  'enable-user': '恢复账户',
  'issue-code': '发放登记码',
  'revoke-code': '作废登记码',
};

/**
 * 用户与登记码 (issue 14 item 3), for the 中心管理员 only: the center's accounts (add a reviewer or
 * auditor, reset a password, disable) and each organisation's enrolment codes (issue, revoke), with
 * the record of who changed what. The server checks the role again on every request.
 */
export function AdminPage({ me, onBack }: { me: string; onBack: () => void }) {
  return (
    <section data-testid="admin-page">
      <button type="button" className="center-link" onClick={onBack}>
        ← 全部考试日
      </button>
      <h2>用户与登记码</h2>
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
      <h3>用户</h3>
      {users.isError && <p className="center-error">{users.error.message}</p>}
      <table className="center-table" data-testid="admin-users">
        <thead>
          <tr>
            <th>用户名</th>
            <th>角色</th>
            <th>添加时间</th>
            <th>状态</th>
            <th>操作</th>
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
          用户名
          <input value={username} onChange={(e) => setUsername(e.target.value)} placeholder="如 li.reviewer" autoComplete="off" required maxLength={32} />
        </label>
        <label>
          角色
          <select value={role} onChange={(e) => setRole(e.target.value as CenterRoleName)} aria-label="角色">
            {CENTER_ROLE_CHOICES.map((r) => (
              <option key={r} value={r}>
                {CENTER_ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          初始密码
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} maxLength={200} />
        </label>
        <button type="submit" disabled={add.isPending}>
          添加用户
        </button>
        {add.isError && <span className="center-error">{add.error.message}</span>}
        {add.isSuccess && <span className="center-ok">已添加 {add.data.username}：请把初始密码当面交给本人</span>}
      </form>
    </>
  );
}

function UserRow({ user, isMe, onChanged }: { user: CenterUser; isMe: boolean; onChanged: () => void }) {
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
        {isMe ? '（本人）' : ''}
      </td>
      <td>{CENTER_ROLE_NAMES[user.role]}</td>
      <td>{when(user.createdAt)}</td>
      <td className={user.disabledAt ? 'center-warn' : ''}>{user.disabledAt ? `已停用（${when(user.disabledAt)}）` : '正常'}</td>
      <td>
        {resetting ? (
          <form
            className="center-resolve"
            onSubmit={(e) => {
              e.preventDefault();
              reset.mutate();
            }}
          >
            <input type="password" aria-label={`${user.username} 的新密码`} placeholder={`新密码（至少 ${MIN_PASSWORD_LENGTH} 位）`} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} maxLength={200} />
            <button type="submit" disabled={reset.isPending}>
              确认重设
            </button>
            <button type="button" onClick={() => setResetting(false)}>
              取消
            </button>
          </form>
        ) : (
          <>
            <button type="button" className="center-link" onClick={() => setResetting(true)}>
              重设密码
            </button>
            {!isMe && (
              <button type="button" className="center-link" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
                {user.disabledAt ? '恢复' : '停用'}
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
  const codes = useQuery({ queryKey: ['admin', 'codes'], queryFn: () => valueOf(centerApi.codes()) });
  const refresh = useRefresh();
  const [organisation, setOrganisation] = useState('');
  const issue = useMutation({ mutationFn: () => valueOf(centerApi.issueCode(organisation.trim())), onSuccess: refresh });
  return (
    <>
      <h3>组织登记码</h3>
      <p className="center-muted">考点的考务办用登记码登记到中心（“设备与同步” → “上报中心”）。登记码只在发放时显示一次，中心只保存它的摘要。</p>
      <form
        className="center-admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          issue.mutate();
        }}
      >
        <label className="center-grow">
          组织名称（与考试计划中的评价机构一致）
          <input value={organisation} onChange={(e) => setOrganisation(e.target.value)} required maxLength={120} aria-label="组织名称" />
        </label>
        <button type="submit" disabled={issue.isPending}>
          发放登记码
        </button>
        {issue.isError && <span className="center-error">{issue.error.message}</span>}
      </form>
      {issue.data && (
        <p className="center-issued" data-testid="issued-code">
          新登记码：<code>{issue.data.code}</code>（有效至 {issue.data.expiresAt.slice(0, 10)}；请现在抄下或转交，离开本页后不再显示）
        </p>
      )}
      {codes.isError && <p className="center-error">{codes.error.message}</p>}
      <table className="center-table" data-testid="admin-codes">
        <thead>
          <tr>
            <th>组织</th>
            <th>登记码</th>
            <th>发放</th>
            <th>有效至</th>
            <th>状态</th>
            <th>操作</th>
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
      <td>{code.revokedAt ? `已作废（${when(code.revokedAt)}）` : expired ? '已过期' : '有效'}</td>
      <td>
        {!code.revokedAt && !expired && (
          <button type="button" className="center-link" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
            作废
          </button>
        )}
        {revoke.isError && <span className="center-error">{revoke.error.message}</span>}
      </td>
    </tr>
  );
}

function AdminLog() {
  const log = useQuery({ queryKey: ['admin', 'log'], queryFn: () => valueOf(centerApi.adminLog()) });
  if (!log.data || log.data.length === 0) return null;
  return (
    <>
      <h3>管理记录（最近 50 条）</h3>
      <ul className="center-admin-log" data-testid="admin-log">
        {log.data.map((a) => (
          <li key={`${a.at}-${a.action}-${a.subject}`}>
            {when(a.at)} {a.username} {ACTION_NAMES[a.action]}：{a.subject}
          </li>
        ))}
      </ul>
    </>
  );
}
