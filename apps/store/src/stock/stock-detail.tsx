/**
 * One row's availability elsewhere: the nearest stores (store staff, from the store's position) or
 * every store (call center). A side panel over the table, so opening it moves nothing under it.
 */
import { useEffect, useRef, useState } from 'react';
import type { Store } from '../app.js';
import type { Graph } from '../graphql.js';
import { useI18n } from '../i18n.js';
import { ALL_STORES_STOCK, NEARBY_AVAILABILITY } from '../operations.js';
import type { StockRow } from './stock-rows.js';

interface Line {
  id: string;
  name: string;
  available: number;
  status: string;
  distanceKm?: number;
}

type Nearby = { variant: { availability: { location: { id: string; name: string }; available: number; status: string; distanceKm: number }[] | null } | null };
type Everywhere = { variant: { stock: { location: { id: string; name: string; kind: string }; available: number; status: string }[] | null } | null };

export function StockDetail({ graph, row, store, callCenter, onClose }: { graph: Graph; row: StockRow; store: Store | undefined; callCenter: boolean; onClose: () => void }) {
  const i18n = useI18n();
  const [lines, setLines] = useState<Line[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    let cancelled = false;
    setLines(undefined);
    const load = async (): Promise<Line[]> => {
      if (callCenter || !store) {
        const result = await graph.request<Everywhere>(ALL_STORES_STOCK, { sku: row.sku });
        if (!result.data?.variant?.stock) throw new Error(result.errors?.[0]?.message ?? 'no data');
        return result.data.variant.stock
          .filter((level) => level.location.kind === 'STORE')
          .map((level) => ({ id: level.location.id, name: level.location.name, available: level.available, status: level.status }))
          .sort((a, b) => b.available - a.available || a.name.localeCompare(b.name));
      }
      const result = await graph.request<Nearby>(NEARBY_AVAILABILITY, { sku: row.sku, near: store.geo });
      if (!result.data?.variant?.availability) throw new Error(result.errors?.[0]?.message ?? 'no data');
      return result.data.variant.availability
        .filter((line) => line.location.id !== store.id)
        .map((line) => ({ id: line.location.id, name: line.location.name, available: line.available, status: line.status, distanceKm: line.distanceKm }));
    };
    load().then(
      (loaded) => !cancelled && setLines(loaded),
      (error: unknown) => !cancelled && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [graph, row.sku, store, callCenter]);

  return (
    <div className="detail" role="dialog" aria-modal="false" aria-labelledby="detail-title" tabIndex={-1} ref={panel}>
      <header>
        <h2 id="detail-title">{i18n.t('nearbyFor', { name: `${row.productName} — ${row.name}` })}</h2>
        <button type="button" onClick={onClose} aria-label={i18n.t('close')}>
          ×
        </button>
      </header>
      <h3>{callCenter ? i18n.t('allStores') : i18n.t('nearby')}</h3>
      {problem && <p className="problem">{i18n.t('loadFailed', { message: problem })}</p>}
      {!lines && !problem && <p>{i18n.t('loading')}</p>}
      {lines && lines.length === 0 && <p>{i18n.t('noneNearby')}</p>}
      {lines && lines.length > 0 && (
        <ul className="availability">
          {lines.map((line) => (
            <li key={line.id} data-location={line.id}>
              <span className="place">
                {line.name}
                {line.distanceKm !== undefined && <small> · {i18n.t('distance', { km: line.distanceKm.toFixed(1) })}</small>}
              </span>
              <span className={`pill ${line.status}`}>{i18n.number(line.available)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
