/**
 * Live stock of one store: the table fills from pages of the store's levels read after the ledger
 * heads, then follows `stockChanged` and `priceChanged` from those heads — so nothing committed
 * between the read and the subscription is missed, and a reconnection resumes after the last
 * sequence applied (graphql.ts). Rows are drawn only where the table is scrolled (fixed height),
 * so thousands of rows and a stream of changes never shift the layout.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type UIEvent } from 'react';
import type { Store } from '../app.js';
import type { Graph, GraphQLErrorShape, GraphQLResult } from '../graphql.js';
import { useI18n, type MessageKey } from '../i18n.js';
import { LEDGER_HEADS, PRICE_CHANGED, STOCK_CHANGED, STORE_STOCK_PAGE, VARIANT_ROW } from '../operations.js';
import { StockDetail } from './stock-detail.js';
import { applyPrice, applyStockEvent, rowOfLevel, visibleRows, type LevelNode, type Money, type SortKey, type StockEvent, type StockRow } from './stock-rows.js';

const PAGE_SIZE = 1000;
const ROW_HEIGHT = 44;
const OVERSCAN = 8;

interface StockPage {
  location: {
    stock: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: LevelNode }[] };
  } | null;
}

type PriceEvent = { priceChanged: { sequence: number; variant: { sku: string } | null; effectivePrice: Money } };

const COLUMNS: { key: SortKey; label: MessageKey; numeric?: boolean }[] = [
  { key: 'productName', label: 'colProduct' },
  { key: 'sku', label: 'colSku' },
  { key: 'onHand', label: 'colOnHand', numeric: true },
  { key: 'reserved', label: 'colReserved', numeric: true },
  { key: 'available', label: 'colAvailable', numeric: true },
  { key: 'price', label: 'colPrice', numeric: true },
];

export function LiveStock({ graph, storeId, store, callCenter }: { graph: Graph; storeId: string; store: Store | undefined; callCenter: boolean }) {
  const i18n = useI18n();
  // The stream handlers outlive renders: they read the language of the moment through this.
  const i18nNow = useRef(i18n);
  i18nNow.current = i18n;
  const rows = useRef(new Map<string, StockRow>());
  const [revision, setRevision] = useState(0);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [total, setTotal] = useState(0);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'productName', descending: false });
  const [selected, setSelected] = useState<StockRow | undefined>();
  // The last sequence applied of each stream: shown on the table element (data-*) at each draw.
  const sequences = useRef({ stock: 0, price: 0 });
  // Bumped when the rows' order may have changed (rows added, or a change to the field sorted on);
  // a change that leaves the order as it is redraws the rows in view without sorting them again.
  const [orderRevision, setOrderRevision] = useState(0);
  const reorder = useRef(false);

  // Many events in one frame make one render.
  const pending = useRef(0);
  const redraw = useCallback(() => {
    if (pending.current) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = 0;
      setRevision((value) => value + 1);
      if (reorder.current) {
        reorder.current = false;
        setOrderRevision((value) => value + 1);
      }
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(pending.current), []);

  useEffect(() => {
    let cancelled = false;
    const stops: (() => void)[] = [];
    rows.current = new Map();
    setLoading(true);
    setProblem(undefined);
    const fail = (errors: GraphQLErrorShape[] | string) => !cancelled && setProblem(typeof errors === 'string' ? errors : errors.map((error) => error.message).join(' · '));
    const load = async () => {
      // The heads first: every change after them reaches us by the streams below.
      const heads = await graph.request<{ stockLedgerHead: number; priceLedgerHead: number }>(LEDGER_HEADS);
      if (!heads.data) return fail(heads.errors ?? 'no data');
      // Each next page is asked for as soon as the previous one's cursor is known, so the rows of
      // one page are made while the next is on its way. The table is drawn after the first page
      // (something to look at at once) and when all are in: sorting thousands of rows once per page
      // would cost more than the pages themselves.
      let next: Promise<GraphQLResult<StockPage>> | undefined = graph.request<StockPage>(STORE_STOCK_PAGE, { storeId, first: PAGE_SIZE, after: null });
      for (let index = 0; next; index++) {
        const page: GraphQLResult<StockPage> = await next;
        if (cancelled) return;
        if (page.data && page.data.location === null) return fail(i18nNow.current.t('unknownStore', { id: storeId }));
        const stock = page.data?.location?.stock;
        if (!stock) return fail(page.errors ?? 'no data');
        const { hasNextPage, endCursor } = stock.pageInfo;
        next = hasNextPage && endCursor ? graph.request<StockPage>(STORE_STOCK_PAGE, { storeId, first: PAGE_SIZE, after: endCursor }) : undefined;
        for (const edge of stock.edges) {
          const row = rowOfLevel(edge.node);
          if (row) rows.current.set(row.sku, row);
        }
        if (index === 0) {
          setTotal(stock.totalCount);
          reorder.current = true;
          redraw();
        }
      }
      reorder.current = true;
      redraw();
      setLoading(false);
      // For measurements (bench/store-screen.ts, a browser's performance tools): every level is in
      // (drawn on the next frame).
      performance.mark('store:stock-loaded', { detail: { storeId, rows: rows.current.size } });
      sequences.current = { stock: heads.data.stockLedgerHead, price: heads.data.priceLedgerHead };
      stops.push(
        graph.follow<{ stockChanged: StockEvent }>({
          query: STOCK_CHANGED,
          variables: { storeId },
          after: heads.data.stockLedgerHead,
          sequenceOf: (data) => data.stockChanged.sequence,
          onEvent: (data) => {
            const event = data.stockChanged;
            sequences.current.stock = event.sequence;
            if (applyStockEvent(rows.current, event)) {
              if (sortFollowsStock.current) reorder.current = true;
              return redraw();
            }
            redraw();
            const sku = event.variant?.sku;
            // A level the table did not have (first stock of a sku here): describe it, then add it.
            if (sku && !rows.current.has(sku)) void addRow(sku, event);
          },
          onRefused: fail,
        }),
        graph.follow<PriceEvent>({
          query: PRICE_CHANGED,
          variables: { storeId },
          after: heads.data.priceLedgerHead,
          sequenceOf: (data) => data.priceChanged.sequence,
          onEvent: (data) => {
            const { sequence, variant, effectivePrice } = data.priceChanged;
            sequences.current.price = sequence;
            if (variant && applyPrice(rows.current, variant.sku, effectivePrice) && sortFollowsPrice.current) reorder.current = true;
            redraw();
          },
          onRefused: fail,
        }),
      );
    };
    const addRow = async (sku: string, event: StockEvent) => {
      const result = await graph.request<{ variant: LevelNode['variant'] }>(VARIANT_ROW, { sku, storeId });
      if (cancelled || !result.data?.variant || rows.current.has(sku)) return;
      const row = rowOfLevel({ ...event, variant: result.data.variant });
      if (row) {
        rows.current.set(sku, { ...row, changes: 1, changedAt: Date.now() });
        setTotal((count) => count + 1);
        reorder.current = true;
        redraw();
      }
    };
    load().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      for (const stop of stops) stop();
    };
  }, [graph, storeId, attempt, redraw]);

  // Which stream changes can move rows under the current sort (read by the stream handlers above).
  const sortFollowsStock = useRef(false);
  const sortFollowsPrice = useRef(false);
  sortFollowsStock.current = ['onHand', 'reserved', 'available', 'changedAt'].includes(sort.key);
  sortFollowsPrice.current = sort.key === 'price' || sort.key === 'changedAt';
  const order = useMemo(() => visibleRows(rows.current.values(), search, sort.key, sort.descending).map((row) => row.sku), [orderRevision, search, sort]);
  // The rows in that order as they are now (a change since the sort is drawn in place).
  const shown = useMemo(() => order.map((sku) => rows.current.get(sku)!).filter(Boolean), [order, revision]);

  // Windowing: only the rows in view (and a few around) are in the DOM.
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const viewport = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setScroll((current) => ({ ...current, height: element.clientHeight })));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const onScroll = (event: UIEvent<HTMLDivElement>) => setScroll({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight });
  const first = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scroll.top + scroll.height) / ROW_HEIGHT) + OVERSCAN);

  const sortBy = (key: SortKey) => setSort((current) => ({ key, descending: current.key === key ? !current.descending : false }));

  return (
    <div className="stock" data-stock-sequence={sequences.current.stock} data-price-sequence={sequences.current.price} data-loaded={!loading}>
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">{i18n.t('searchStock')}</span>
          <input type="search" name="stock-search" placeholder={i18n.t('searchStock')} value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <label className="toggle">
          <input type="checkbox" name="latest-first" checked={sort.key === 'changedAt'} onChange={(event) => setSort(event.target.checked ? { key: 'changedAt', descending: true } : { key: 'productName', descending: false })} />
          {i18n.t('latestFirst')}
        </label>
        <span className="count" aria-live="off">
          {loading ? i18n.t('loading') : i18n.t('rowsShown', { shown: shown.length, total })}
        </span>
      </div>
      <p className="problem" role="alert">
        {problem ? i18n.t('loadFailed', { message: problem }) : ''}
        {problem && (
          <button type="button" onClick={() => setAttempt((value) => value + 1)}>
            {i18n.t('retry')}
          </button>
        )}
      </p>
      <div className="table-viewport" ref={viewport} onScroll={onScroll}>
        <table className="stock-table" aria-rowcount={shown.length + 1}>
          <colgroup>
            <col className="col-product" />
            <col className="col-sku" />
            <col className="col-num" />
            <col className="col-num" />
            <col className="col-num" />
            <col className="col-price" />
            <col className="col-status" />
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column.key} scope="col" className={column.numeric ? 'numeric' : undefined} aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" onClick={() => sortBy(column.key)}>
                    {i18n.t(column.label)}
                    <span aria-hidden="true" className="sort-mark">
                      {sort.key === column.key ? (sort.descending ? '▼' : '▲') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">{i18n.t('colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr className="spacer" style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />}
            {shown.slice(first, last).map((row, index) => (
              <tr
                key={`${row.sku}:${row.changes}`}
                data-sku={row.sku}
                aria-rowindex={first + index + 2}
                className={row.changes ? `changed trend-${row.trend}` : undefined}
              >
                <td className="product">
                  <button type="button" className="link" onClick={() => setSelected(row)} aria-haspopup="dialog">
                    <span className="product-name">{row.productName}</span>
                    <span className="variant-name">{row.name}</span>
                  </button>
                </td>
                <td className="sku">
                  <span>{row.sku}</span>
                  <span className="barcode">{row.barcode}</span>
                </td>
                <td className="numeric" data-field="onHand">{i18n.number(row.onHand)}</td>
                <td className="numeric" data-field="reserved">{i18n.number(row.reserved)}</td>
                <td className="numeric" data-field="available">{i18n.number(row.available)}</td>
                <td className="numeric" data-field="price">{i18n.money(row.price)}</td>
                <td>
                  <span className={`pill ${row.status}`}>{i18n.label(row.status)}</span>
                </td>
              </tr>
            ))}
            {last < shown.length && <tr className="spacer" style={{ height: (shown.length - last) * ROW_HEIGHT }} aria-hidden="true" />}
          </tbody>
        </table>
      </div>
      {selected && <StockDetail graph={graph} row={selected} store={store} callCenter={callCenter} onClose={() => setSelected(undefined)} />}
    </div>
  );
}
