/** The sign-in page: paste a token, or (development secret only) have the gateway mint one. */
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from './i18n.js';
import { sessionFromToken, TokenProblem, type Role, type Session } from './session.js';
import type { StoreSettings } from './settings.js';
import { finishSignIn, isReturnFromProvider, startSignIn } from './identity-provider.js';
import { STORES } from './operations.js';

interface StoreOption {
  id: string;
  name: string;
}

export function SignIn({ settings, onSignedIn, notice }: { settings: StoreSettings; onSignedIn: (session: Session) => void; notice: string | undefined }) {
  const i18n = useI18n();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(notice);
  const [role, setRole] = useState<Role>('store');
  const [storeId, setStoreId] = useState('store-01');
  const [stores, setStores] = useState<StoreOption[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!settings.developmentTokens) return;
    // The store list is public: no token needed.
    void fetch(settings.graphqlPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: STORES }) })
      .then((response) => response.json() as Promise<{ data?: { locations: StoreOption[] } }>)
      .then((result) => setStores(result.data?.locations ?? []))
      .catch(() => setStores([]));
  }, [settings]);

  // Back from the identity provider: exchange its code for the token.
  const provider = settings.identityProvider;
  const [returning] = useState(() => provider !== undefined && isReturnFromProvider());
  useEffect(() => {
    if (!provider || !returning) return;
    setBusy(true);
    finishSignIn(provider)
      .then((tokens) => signInWith(tokens.accessToken, tokens.refreshToken))
      .catch((error: unknown) => setProblem(`${i18n.t('signInFailed')}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => setBusy(false));
    // Once, for the page load that came back.
  }, []);

  const leaveForProvider = () => {
    if (!provider) return;
    setBusy(true);
    startSignIn(provider).catch((error: unknown) => {
      setBusy(false);
      setProblem(`${i18n.t('signInFailed')}: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  const signInWith = (raw: string, refreshToken?: string) => {
    try {
      onSignedIn(sessionFromToken(raw, refreshToken));
    } catch (error) {
      setProblem(error instanceof TokenProblem ? i18n.t(error.reason) : String(error));
    }
  };

  const submitToken = (event: FormEvent) => {
    event.preventDefault();
    signInWith(token);
  };

  const mint = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const response = await fetch('/store/development-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(role === 'store' ? { role, storeId } : { role }),
      });
      const body = (await response.json()) as { token?: string; message?: string };
      if (!body.token) throw new Error(body.message ?? `HTTP ${response.status}`);
      signInWith(body.token);
    } catch (error) {
      setProblem(`${i18n.t('signInFailed')}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="content" className="sign-in">
      <h1>{i18n.t('signInTitle')}</h1>
      <p className="problem" role="alert">{problem ?? ''}</p>
      {provider && (
        <div className="card">
          <button type="button" className="primary" name="identity-provider" disabled={busy} onClick={leaveForProvider}>
            {i18n.t('signInWithProvider')}
          </button>
        </div>
      )}
      {settings.developmentTokens && (
        <form className="card" onSubmit={mint} aria-labelledby="dev-title">
          <h2 id="dev-title">{i18n.t('developmentSignIn')}</h2>
          <p>{i18n.t('developmentIntro')}</p>
          <div className="fields">
            <label>
              {i18n.t('roleLabel')}
              <select name="role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
                <option value="store">{i18n.t('roleStore')}</option>
                <option value="callcenter">{i18n.t('roleCallcenter')}</option>
              </select>
            </label>
            <label>
              {i18n.t('storeLabel')}
              <select name="storeId" value={storeId} disabled={role !== 'store'} onChange={(event) => setStoreId(event.target.value)}>
                {(stores.length ? stores : [{ id: storeId, name: storeId }]).map((store) => (
                  <option key={store.id} value={store.id}>
                    {store.name} ({store.id})
                  </option>
                ))}
              </select>
            </label>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {i18n.t('getToken')}
          </button>
        </form>
      )}
      <form className="card" onSubmit={submitToken}>
        <p>{i18n.t('signInIntro')}</p>
        <label className="token">
          {i18n.t('tokenLabel')}
          <textarea name="token" rows={4} value={token} onChange={(event) => setToken(event.target.value)} spellCheck={false} autoComplete="off" />
        </label>
        <button type="submit" disabled={!token.trim()}>
          {i18n.t('signIn')}
        </button>
      </form>
    </main>
  );
}
