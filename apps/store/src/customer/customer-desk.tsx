/**
 * The customer in front of you: search by name, email or loyalty number, then their profile,
 * loyalty, orders from every channel, wishlist with live availability in this store, open tickets
 * and personal offers. Store staff see a customer only with their consent (the customer subgraph
 * decides and audits each read); without it the graph answers CONSENT_REQUIRED and the page says so.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { errorCode, type Graph } from '../graphql.js';
import { useI18n } from '../i18n.js';
import { CUSTOMER_IN_FRONT, CUSTOMER_SEARCH, LEDGER_HEADS, WISHLIST_STOCK } from '../operations.js';

interface Money {
  amount: number;
  currency: string;
}

interface CustomerView {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  loyalty: { tier: string; points: number };
  consents: { email: boolean; sms: boolean; personalizedOffers: boolean };
  orders: { totalCount: number; edges: { node: { id: string; number: string; channel: string; placedAt: string; status: string; total: Money; store: { name: string } | null } }[] };
  wishlist: { addedAt: string; variant: { sku: string; name: string; product: { name: string } | null; stock: { available: number; status: string; version: number }[] | null } | null }[];
  supportTickets: { id: string; subject: string; status: string; channel: string; openedAt: string }[];
  personalOffers: { id: string; name: string; description: string; endsAt: string }[] | null;
}

type Found = { id: string; firstName: string };
type Opened = { kind: 'customer'; customer: CustomerView } | { kind: 'no-consent' } | { kind: 'problem'; message: string };

export function CustomerDesk({ graph, storeId }: { graph: Graph; storeId: string }) {
  const i18n = useI18n();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Found[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [opened, setOpened] = useState<Opened | undefined>();

  const find = async (event: FormEvent) => {
    event.preventDefault();
    if (!search.trim()) return;
    setOpened(undefined);
    const result = await graph.request<{ customers: Found[] }>(CUSTOMER_SEARCH, { search: search.trim() }).catch((error: unknown) => ({ errors: [{ message: String(error) }] }) as const);
    if ('data' in result && result.data) {
      setProblem(undefined);
      setFound(result.data.customers);
    } else {
      setFound(undefined);
      setProblem(result.errors?.map((error) => error.message).join(' · '));
    }
  };

  const open = async (id: string) => {
    const result = await graph.request<{ customer: CustomerView | null }>(CUSTOMER_IN_FRONT, { id, storeId });
    if (errorCode(result) === 'CONSENT_REQUIRED') setOpened({ kind: 'no-consent' });
    else if (result.data?.customer) setOpened({ kind: 'customer', customer: result.data.customer });
    else setOpened({ kind: 'problem', message: result.errors?.map((error) => error.message).join(' · ') ?? 'no data' });
  };

  return (
    <div className="customer-desk">
      <form className="toolbar" role="search" onSubmit={(event) => void find(event)}>
        <label className="search">
          <span className="visually-hidden">{i18n.t('customerSearch')}</span>
          <input type="search" name="customer-search" placeholder={i18n.t('customerSearch')} value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <button type="submit" className="primary">
          {i18n.t('search')}
        </button>
      </form>
      <p className="problem" role="alert">{problem ?? ''}</p>
      <div className="customer-columns">
        <ul className="found" aria-label={i18n.t('search')}>
          {found?.length === 0 && <li>{i18n.t('noCustomerFound')}</li>}
          {found?.map((customer) => (
            <li key={customer.id}>
              <button type="button" data-customer={customer.id} onClick={() => void open(customer.id)}>
                <strong>{customer.firstName}</strong> <span className="muted">{customer.id}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="opened" aria-live="polite">
          {opened?.kind === 'no-consent' && (
            <p className="notice no-consent" data-testid="no-consent">
              {i18n.t('noConsent')}
            </p>
          )}
          {opened?.kind === 'problem' && <p className="problem">{opened.message}</p>}
          {opened?.kind === 'customer' && <CustomerCard key={opened.customer.id} graph={graph} storeId={storeId} customer={opened.customer} />}
        </div>
      </div>
    </div>
  );
}

function CustomerCard({ graph, storeId, customer }: { graph: Graph; storeId: string; customer: CustomerView }) {
  const i18n = useI18n();
  // Live availability of the wishlist here: each level's units, kept by a stream from its versions.
  const [levels, setLevels] = useState(() => {
    const initial = new Map<string, { available: number; status: string; version: number }>();
    for (const item of customer.wishlist) {
      const level = item.variant?.stock?.[0];
      if (item.variant && level) initial.set(item.variant.sku, { available: level.available, status: level.status, version: level.version });
    }
    return initial;
  });
  useEffect(() => {
    const skus = customer.wishlist.flatMap((item) => (item.variant ? [item.variant.sku] : [])).slice(0, 100);
    if (!skus.length) return;
    let stop: (() => void) | undefined;
    void graph.request<{ stockLedgerHead: number }>(LEDGER_HEADS).then((head) => {
      if (head.data === undefined || head.data === null) return;
      stop = graph.follow<{ stockChanged: { sequence: number; version: number; available: number; status: string; variant: { sku: string } | null } }>({
        query: WISHLIST_STOCK,
        variables: { skus, storeId },
        after: head.data.stockLedgerHead,
        sequenceOf: (data) => data.stockChanged.sequence,
        onEvent: ({ stockChanged }) => {
          const sku = stockChanged.variant?.sku;
          if (!sku) return;
          setLevels((current) => {
            const known = current.get(sku);
            if (known && stockChanged.version <= known.version) return current;
            return new Map(current).set(sku, { available: stockChanged.available, status: stockChanged.status, version: stockChanged.version });
          });
        },
      });
    });
    return () => stop?.();
  }, [graph, storeId, customer]);

  const openTickets = customer.supportTickets.filter((ticket) => ticket.status !== 'RESOLVED');
  return (
    <article className="customer-card" data-customer={customer.id}>
      <section className="card">
        <h2>
          {customer.firstName} {customer.lastName}
        </h2>
        <dl>
          <dt>{i18n.t('email')}</dt>
          <dd>{customer.email}</dd>
          <dt>{i18n.t('phone')}</dt>
          <dd>{customer.phone ?? '—'}</dd>
          <dt>{i18n.t('loyalty')}</dt>
          <dd>
            <span className={`tier ${customer.loyalty.tier}`}>{i18n.label(customer.loyalty.tier)}</span> · {i18n.t('points', { points: customer.loyalty.points })}
          </dd>
        </dl>
      </section>
      <section className="card">
        <h3>{i18n.t('offers')}</h3>
        {customer.personalOffers?.length ? (
          <ul>
            {customer.personalOffers.map((offer) => (
              <li key={offer.id}>
                <strong>{offer.name}</strong> — {offer.description} <span className="muted">{i18n.t('until', { date: i18n.date(offer.endsAt) })}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{i18n.t('noOffers')}</p>
        )}
      </section>
      <section className="card">
        <h3>{i18n.t('wishlist')}</h3>
        {customer.wishlist.length ? (
          <ul className="wishlist">
            {customer.wishlist.map((item, index) => {
              const sku = item.variant?.sku;
              const level = sku ? levels.get(sku) : undefined;
              const available = level?.available ?? 0;
              const status = level?.status ?? 'OUT_OF_STOCK';
              return (
                <li key={sku ?? index} data-sku={sku}>
                  <span>
                    {item.variant?.product?.name ?? sku} <span className="muted">{item.variant?.name}</span>
                  </span>
                  <span className={`pill ${status}`}>{i18n.t('availableHere', { count: available })}</span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted">{i18n.t('emptyWishlist')}</p>
        )}
      </section>
      <section className="card">
        <h3>{i18n.t('tickets')}</h3>
        {openTickets.length ? (
          <ul>
            {openTickets.map((ticket) => (
              <li key={ticket.id}>
                {ticket.subject} <span className="muted">· {i18n.label(ticket.status)} · {i18n.label(ticket.channel)} · {i18n.date(ticket.openedAt)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{i18n.t('noTickets')}</p>
        )}
      </section>
      <section className="card wide">
        <h3>{i18n.t('orders')}</h3>
        {customer.orders.edges.length ? (
          <table className="orders">
            <tbody>
              {customer.orders.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.number}</td>
                  <td>{i18n.label(node.channel)}{node.store ? ` · ${node.store.name}` : ''}</td>
                  <td>{i18n.date(node.placedAt)}</td>
                  <td>{i18n.label(node.status)}</td>
                  <td className="numeric">{i18n.money(node.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{i18n.t('noOrders')}</p>
        )}
      </section>
    </article>
  );
}
