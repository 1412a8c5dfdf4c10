/** The store screen: sign-in, then stock, pick-ups and the customer in front of you. */
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { CustomerDesk } from './customer/customer-desk.js';
import { Graph, type LiveStatus, type LiveTransport } from './graphql.js';
import { browserLanguage, I18n, rememberLanguage, translator, type Language, type MessageKey } from './i18n.js';
import { Pickups } from './pickups/pickups.js';
import { refreshSignIn } from './identity-provider.js';
import { restoreSession, saveSession, sessionFromToken, type Session } from './session.js';
import type { StoreSettings } from './settings.js';
import { useUnavailableServices } from './service-health.js';
import { SignIn } from './sign-in.js';
import { LiveStock } from './stock/live-stock.js';
import { STORES } from './operations.js';

type Tab = 'stock' | 'pickups' | 'customer';
const TABS: { id: Tab; label: MessageKey }[] = [
  { id: 'stock', label: 'tabStock' },
  { id: 'pickups', label: 'tabPickups' },
  { id: 'customer', label: 'tabCustomer' },
];

export interface Store {
  id: string;
  name: string;
  geo: { lat: number; lng: number };
}

export function App({ settings }: { settings: StoreSettings }) {
  const [language, setLanguage] = useState<Language>(browserLanguage);
  const i18n = useMemo(() => translator(language), [language]);
  const [session, setSession] = useState<Session | undefined>(restoreSession);
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${i18n.t('appTitle')} · Omnichannel`;
  }, [language, i18n]);

  const signOut = useCallback(
    (message?: MessageKey) => {
      saveSession(undefined);
      setSession(undefined);
      setNotice(message ? i18n.t(message) : undefined);
    },
    [i18n],
  );

  const renewed = useCallback((next: Session) => {
    saveSession(next);
    setSession(next);
  }, []);

  const switchLanguage = (next: Language) => {
    rememberLanguage(next);
    setLanguage(next);
  };

  return (
    <I18n.Provider value={i18n}>
      <a className="skip" href="#content">
        {i18n.t('skipToContent')}
      </a>
      {session ? (
        <SignedIn
          // One mount per person signed in: a refreshed token keeps the page, its streams and its rows.
          key={`${session.subject}|${session.role}|${session.storeId ?? ''}`}
          settings={settings}
          session={session}
          onSignOut={signOut}
          onRenewed={renewed}
          language={language}
          onLanguage={switchLanguage}
        />
      ) : (
        <>
          <header className="bar">
            <strong>{i18n.t('appTitle')}</strong>
            <LanguageSwitch language={language} onChange={switchLanguage} />
          </header>
          <SignIn
            settings={settings}
            notice={notice}
            onSignedIn={(next) => {
              saveSession(next);
              setNotice(undefined);
              setSession(next);
            }}
          />
        </>
      )}
    </I18n.Provider>
  );
}

function LanguageSwitch({ language, onChange }: { language: Language; onChange: (language: Language) => void }) {
  const i18n = translator(language);
  return (
    <div className="languages" role="group" aria-label={i18n.t('language')}>
      {(['fr', 'en'] as const).map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={language === code} onClick={() => onChange(code)}>
          {code.toUpperCase()}
          {/* Heard as "EN English": the visible text stays part of the name (WCAG 2.5.3). */}
          <span className="visually-hidden"> {code === 'fr' ? 'Français' : 'English'}</span>
        </button>
      ))}
    </div>
  );
}

function SignedIn({
  settings,
  session,
  onSignOut,
  onRenewed,
  language,
  onLanguage,
}: {
  settings: StoreSettings;
  session: Session;
  onSignOut: (message?: MessageKey) => void;
  onRenewed: (session: Session) => void;
  language: Language;
  onLanguage: (language: Language) => void;
}) {
  const i18n = translator(language);
  // Made once for this sign-in; a refreshed token is handed to it (renewToken), not a new one made.
  const [graph] = useState(() => new Graph(settings.graphqlPath, session.token, () => onSignOut('sessionExpired')));
  useEffect(() => () => graph.close(), [graph]);
  useEffect(() => graph.renewToken(session.token), [graph, session.token]);

  // With the identity provider's refresh token, the next token is fetched before this one expires
  // (a minute ahead, or halfway through a shorter life); without one, or if the provider refuses,
  // the session ends with the token.
  useEffect(() => {
    const provider = settings.identityProvider;
    const { refreshToken } = session;
    if (!provider || !refreshToken) return;
    const left = session.expiresAt.getTime() - Date.now();
    const timer = setTimeout(() => {
      refreshSignIn(provider, refreshToken)
        .then((tokens) => onRenewed(sessionFromToken(tokens.accessToken, tokens.refreshToken)))
        .catch(() => {
          // The expiry timer below signs out when the token ends.
        });
    }, Math.max(0, left - Math.min(60_000, left / 2)));
    return () => clearTimeout(timer);
  }, [settings, session, onRenewed]);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [transport, setTransport] = useState<LiveTransport>('websocket');
  useEffect(
    () =>
      graph.onStatus((next, via) => {
        setStatus(next);
        setTransport(via);
      }),
    [graph],
  );
  const [tab, setTab] = useState<Tab>('stock');
  const [pickupCount, setPickupCount] = useState(0);
  const [stores, setStores] = useState<Store[]>([]);
  const [storeId, setStoreId] = useState<string>(session.storeId ?? 'store-01');

  useEffect(() => {
    void graph.request<{ locations: Store[] }>(STORES).then(
      (result) => setStores(result.data?.locations ?? []),
      () => setStores([]),
    );
  }, [graph]);

  // The session ends with its token: the gateway would refuse it from then on.
  useEffect(() => {
    const timer = setTimeout(() => onSignOut('sessionExpired'), Math.max(0, session.expiresAt.getTime() - Date.now()));
    return () => clearTimeout(timer);
  }, [session, onSignOut]);

  const store = stores.find((candidate) => candidate.id === storeId);
  const unavailable = useUnavailableServices();
  // Connected, but a part of the graph is down: its changes will follow when it is back.
  const shown = status === 'live' && unavailable.length ? 'degraded' : status;
  const statusText =
    shown === 'degraded'
      ? i18n.t('statusDegraded', { services: unavailable.map((name) => i18n.label(`service.${name}`)).join(', ') })
      : i18n.t(status === 'live' ? 'statusLive' : status === 'reconnecting' ? 'statusReconnecting' : 'statusConnecting');

  // Tabs per the WAI-ARIA pattern: arrow keys move between them.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = TABS.findIndex((candidate) => candidate.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  return (
    <>
      <header className="bar">
        <strong>{i18n.t('appTitle')}</strong>
        {session.role === 'callcenter' ? (
          <label className="store-picker">
            <span className="badge">{i18n.t('callcenterMode')}</span>
            <span className="visually-hidden">{i18n.t('chooseStore')}</span>
            <select name="store" value={storeId} onChange={(event) => setStoreId(event.target.value)}>
              {(stores.length ? stores : [{ id: storeId, name: storeId }]).map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="who">
            {i18n.t('storeStaffAt')} · <span data-testid="store-name">{store?.name ?? storeId}</span>
          </span>
        )}
        <span className={`status status-${shown}`} role="status" aria-live="polite" data-status={shown} data-transport={transport}>
          {statusText}
        </span>
        <LanguageSwitch language={language} onChange={onLanguage} />
        <button type="button" onClick={() => onSignOut()}>
          {i18n.t('signOut')}
        </button>
      </header>
      <nav className="tabs" role="tablist">
        {TABS.map((candidate) => (
          <button
            key={candidate.id}
            id={`tab-${candidate.id}`}
            type="button"
            role="tab"
            aria-selected={tab === candidate.id}
            aria-controls={`panel-${candidate.id}`}
            tabIndex={tab === candidate.id ? 0 : -1}
            onClick={() => setTab(candidate.id)}
            onKeyDown={onTabKey}
          >
            {i18n.t(candidate.label)}
            {candidate.id === 'pickups' && (
              // Always there, so the tabs never move; empty when none waits.
              <span className="count-badge" data-count={pickupCount} aria-label={pickupCount ? i18n.t('waiting', { count: pickupCount }) : undefined}>
                {pickupCount || ''}
              </span>
            )}
          </button>
        ))}
      </nav>
      {/* Panels stay mounted so their streams keep running while another tab is shown. */}
      <main id="content">
        <section id="panel-stock" role="tabpanel" aria-labelledby="tab-stock" hidden={tab !== 'stock'}>
          <LiveStock key={`stock-${storeId}`} graph={graph} storeId={storeId} store={store} callCenter={session.role === 'callcenter'} />
        </section>
        <section id="panel-pickups" role="tabpanel" aria-labelledby="tab-pickups" hidden={tab !== 'pickups'}>
          <Pickups key={`pickups-${storeId}`} graph={graph} storeId={storeId} canCollect={session.role === 'store'} onCount={setPickupCount} />
        </section>
        <section id="panel-customer" role="tabpanel" aria-labelledby="tab-customer" hidden={tab !== 'customer'}>
          <CustomerDesk key={`customer-${storeId}`} graph={graph} storeId={storeId} />
        </section>
      </main>
    </>
  );
}
