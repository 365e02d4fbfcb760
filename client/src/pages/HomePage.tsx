import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@cocon/shared';
import { adminApi } from '../admin/api';
import { api } from '../api/endpoints';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { normalizeJoinCode } from '../lib/joinCode';
import { preloadBoardPage } from './boardChunk';
import { joinedAsState } from '../lib/joinedAs';
import { orgPath } from '../org/orgPath';
import { useOrgPath } from '../org/useOrgPath';

export function HomePage() {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const { user, loading } = useSession();
  const navigate = useNavigate();

  // A fresh installation has no organisation yet: its first visitor sets it up.
  useEffect(() => {
    if (loading || user) return;
    let alive = true;
    adminApi
      .setupStatus()
      .then((status) => {
        if (alive && status.needed) void navigate('/setup', { replace: true });
      })
      .catch(() => {
        // No answer: the sign-in forms stay.
      });
    return () => {
      alive = false;
    };
  }, [loading, user, navigate]);

  return (
    <div className="page home">
      <p className="home-tagline">{t('app.tagline')}</p>
      {user && (
        <p className="notice">
          {t('home.alreadyIn', { name: user.displayName })}{' '}
          {user.kind === 'guest' && user.forumId && (
            <Link to={inOrg(`/forums/${user.forumId}`)}>{t('home.backToForum')}</Link>
          )}
          {user.kind === 'account' && <Link to={inOrg('/forums')}>{t('home.goDashboard')}</Link>}
        </p>
      )}
      <JoinForm />
      <LoginForm />
    </div>
  );
}

function JoinForm() {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const navigate = useNavigate();
  // /join/CODE (the room screen's link and QR code) arrives with the code filled in.
  const linkCode = normalizeJoinCode(useParams().code ?? '');
  const [code, setCode] = useState(linkCode ?? '');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [fieldError, setFieldError] = useState<'code' | 'name' | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeJoinCode(code);
    if (!normalized) return setFieldError('code');
    if (!name.trim()) return setFieldError('name');
    setFieldError(null);
    setError(null);
    setBusy(true);
    try {
      const joining = api.joinForum({ code: normalized, displayName: name.trim() });
      // A form sent without being focused first (filled in by the browser) loads it now, after
      // the join request, which then does not wait behind the chunks for a connection.
      preloadBoardPage();
      const result = await joining;
      adopt(result.session);
      // Most open forums have one board: go straight to it, phones have no time to browse.
      const forum = await api.forum(result.forumId).catch(() => null);
      const only = forum?.boards.length === 1 ? forum.boards[0] : undefined;
      const slug = result.session.user?.organization?.slug;
      // A name other than the one typed is said on the page that opens (JoinedAsNotice).
      // The forum page opens with the forum just read (one round trip less on a slow network).
      void navigate(orgPath(slug, only ? `/boards/${only.id}` : `/forums/${result.forumId}`), {
        state: { ...joinedAsState(result), ...(forum && !only ? { forum } : {}) },
      });
    } catch (err) {
      setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <section className="card join-card" aria-labelledby="join-title">
      <h1 id="join-title">{t('home.joinTitle')}</h1>
      <p className="muted">
        {linkCode ? t('joinLink.codeFromLink', { code: linkCode }) : t('home.joinIntro')}
      </p>
      {/* A guest filling this form opens a board next: its code loads while they type. */}
      <form onSubmit={(e) => void onSubmit(e)} onFocus={preloadBoardPage} noValidate>
        <div className="field">
          <label htmlFor="join-code">{t('home.code')}</label>
          <input
            id="join-code"
            className="input input-code"
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            required
            aria-invalid={fieldError === 'code'}
            aria-describedby="join-code-hint join-code-error"
          />
          <p id="join-code-hint" className="hint">
            {t('home.codeHint')}
          </p>
          {fieldError === 'code' && (
            <p id="join-code-error" className="form-error" role="alert">
              {t('home.codeInvalid')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="join-name">{t('home.displayName')}</label>
          <input
            id="join-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="nickname"
            // The link filled the code: the name is all that is left.
            autoFocus={linkCode !== null}
            maxLength={LIMITS.displayNameMax}
            required
            aria-invalid={fieldError === 'name'}
            aria-describedby="join-name-hint join-name-error"
          />
          <p id="join-name-hint" className="hint">
            {t('home.displayNameHint')}
          </p>
          {fieldError === 'name' && (
            <p id="join-name-error" className="form-error" role="alert">
              {t('home.nameRequired')}
            </p>
          )}
        </div>
        <ErrorMessage code={error} />
        <button type="submit" className="button button-primary button-large" disabled={busy}>
          {busy ? t('home.joining') : t('home.join')}
        </button>
      </form>
    </section>
  );
}

function LoginForm() {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const session = await api.login({ email: email.trim(), password });
      adopt(session);
      void navigate(orgPath(session.user?.organization?.slug, '/forums'));
    } catch (err) {
      setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <section className="card login-card" aria-labelledby="login-title">
      <h2 id="login-title">{t('home.loginTitle')}</h2>
      <p className="muted">{t('home.loginIntro')}</p>
      <form onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor="login-email">{t('home.email')}</label>
          <input
            id="login-email"
            className="input"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('home.password')}</label>
          <input
            id="login-password"
            className="input"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </div>
        <ErrorMessage code={error} />
        <div className="login-actions">
          <button type="submit" className="button button-secondary" disabled={busy}>
            {busy ? t('home.loggingIn') : t('home.login')}
          </button>
          <Link to="/forgot">{t('home.forgotPassword')}</Link>
        </div>
      </form>
    </section>
  );
}
