import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './subgraphs/shared/database.ts';
import { migrateToLatest } from './subgraphs/shared/migrate.ts';
import { seedSize } from './subgraphs/shared/universe.ts';
import { inventorySubgraph } from './subgraphs/inventory/index.ts';
import { generateInventory } from './subgraphs/inventory/seed-data.ts';
import pg from 'pg';

const scale = Number(process.env.SCALE ?? 1);
const url = process.env.DATABASE_URL;
const schema = `bench_${Date.now()}_inventory`;
let t = performance.now();
const data = generateInventory(seedSize(scale));
console.log('generate ms', Math.round(performance.now() - t), 'levels', data.levels.length, 'movements', data.movements.length, 'reservations', data.reservations.length);
const database = await openDatabase<any>({ databaseUrl: url, sqlitePath: join(mkdtempSync(join(tmpdir(), 'inv-')), 'inventory.sqlite'), pgSchema: schema });
await migrateToLatest(database.db, inventorySubgraph.migrations);
t = performance.now();
await database.db.transaction().execute((trx) => inventorySubgraph.seed(trx, seedSize(scale)));
console.log(database.engine, 'seed ms (incl. generate)', Math.round(performance.now() - t), 'statements', database.counter.statements);
await database.close();
if (url) { const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query(`drop schema "${schema}" cascade`); await c.end(); }
