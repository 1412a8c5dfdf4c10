/**
 * Click & collect orders to prepare at this store, live: the active reservations read with the
 * ledger head, then `reservationChanged` after it — a new one appears, a collected, cancelled or
 * expired one leaves. "Collected" records the hand-over (`collectReservation`).
 */
import { useEffect, useState } from 'react';
import type { Graph, GraphQLErrorShape } from '../graphql.js';
import { useI18n } from '../i18n.js';
import { ACTIVE_PICKUPS, COLLECT, PICKUP_CHANGED } from '../operations.js';

export interface Pickup {
  id: string;
  quantity: number;
  status: 'ACTIVE' | 'COLLECTED' | 'CANCELLED' | 'EXPIRED';
  expiresAt: string;
  createdAt: string;
  variant: { sku: string; name: string; product: { name: string } | null } | null;
  customer: { id: string; firstName: string } | null;
}

type PickupEvent = { reservationChanged: { sequence: number; status: Pickup['status']; reservation: Pickup } };
type CollectResult = { collectReservation: { reservation: { id: string; status: string } | null; userErrors: { code: string; message: string }[] } };

/** Time left as m:ss or h:mm:ss, or in days and hours beyond a day; undefined once expired. */
function timeLeft(expiresAt: string, now: number, days: (count: number) => string): string | undefined {
  const seconds = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (!(seconds > 0)) return undefined;
  if (seconds >= 86_400) return `${days(Math.floor(seconds / 86_400))} ${Math.floor((seconds % 86_400) / 3600)} h`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `canCollect`: store staff hand pick-ups over; the call center follows them but does not. */
export function Pickups({ graph, storeId, canCollect, onCount }: { graph: Graph; storeId: string; canCollect: boolean; onCount?: (count: number) => void }) {
  const i18n = useI18n();
  const [pickups, setPickups] = useState<Map<string, Pickup>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [now, setNow] = useState(Date.now());
  const [sequence, setSequence] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    const fail = (errors: GraphQLErrorShape[] | string) => !cancelled && setProblem(typeof errors === 'string' ? errors : errors.map((error) => error.message).join(' · '));
    void graph
      .request<{ stockLedgerHead: number; reservations: Pickup[] }>(ACTIVE_PICKUPS, { storeId })
      .then((result) => {
        if (cancelled) return;
        if (!result.data) return fail(result.errors ?? 'no data');
        setPickups(new Map(result.data.reservations.map((pickup) => [pickup.id, pickup])));
        setLoaded(true);
        setSequence(result.data.stockLedgerHead);
        stop = graph.follow<PickupEvent>({
          query: PICKUP_CHANGED,
          variables: { storeId },
          after: result.data.stockLedgerHead,
          sequenceOf: (data) => data.reservationChanged.sequence,
          onEvent: (data) => {
            const change = data.reservationChanged;
            setSequence(change.sequence);
            setPickups((current) => {
              const next = new Map(current);
              if (change.status === 'ACTIVE') next.set(change.reservation.id, { ...change.reservation, status: 'ACTIVE' });
              else next.delete(change.reservation.id);
              return next;
            });
          },
          onRefused: fail,
        });
      })
      .catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [graph, storeId]);

  const collect = async (id: string) => {
    setBusy((current) => new Set(current).add(id));
    try {
      const result = await graph.request<CollectResult>(COLLECT, { id });
      const payload = result.data?.collectReservation;
      const problemText = payload?.userErrors.map((error) => error.message).join(' · ') || result.errors?.map((error) => error.message).join(' · ');
      if (problemText) setProblem(problemText);
      else {
        setProblem(undefined);
        // The stream will say so too; the row leaves now rather than a moment later.
        setPickups((current) => {
          const next = new Map(current);
          next.delete(id);
          return next;
        });
      }
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy((current) => {
        const next = new Set(current);
        next.delete(id);
        return next;
      });
    }
  };

  // The tab shows how many wait, whichever tab is open.
  useEffect(() => onCount?.(loaded ? pickups.size : 0), [onCount, loaded, pickups]);

  const list = Array.from(pickups.values()).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.id.localeCompare(b.id));
  return (
    <div className="pickups" data-reservation-sequence={sequence}>
      <h2>{i18n.t('pickupsTitle')}</h2>
      <p className="problem" role="alert">{problem ?? ''}</p>
      {loaded && list.length === 0 && <p>{i18n.t('noPickups')}</p>}
      {!loaded && !problem && <p>{i18n.t('loading')}</p>}
      <ul className="pickup-list">
        {list.map((pickup) => {
          const left = timeLeft(pickup.expiresAt, now, (count) => i18n.t('days', { days: count }));
          return (
            <li key={pickup.id} data-reservation={pickup.id} className="pickup card">
              <div className="what">
                <strong>{pickup.variant?.product?.name ?? pickup.variant?.sku ?? '—'}</strong>
                <span>{pickup.variant?.name}</span>
                <span className="muted">
                  {i18n.t('quantity')} {pickup.quantity} · {pickup.variant?.sku}
                </span>
              </div>
              <div className="who">
                <span className="muted">{i18n.t('customerCol')}</span>
                <strong>{pickup.customer?.firstName ?? '—'}</strong>
                <span className="muted">{pickup.id}</span>
              </div>
              <div className="when">
                <span className="muted">{i18n.t('timeLeft')}</span>
                <strong className={left ? 'countdown' : 'countdown late'}>{left ?? i18n.t('expired')}</strong>
              </div>
              {canCollect ? (
                <button type="button" className="primary" disabled={busy.has(pickup.id)} onClick={() => void collect(pickup.id)}>
                  {busy.has(pickup.id) ? i18n.t('collecting') : i18n.t('markCollected')}
                </button>
              ) : (
                <span />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
