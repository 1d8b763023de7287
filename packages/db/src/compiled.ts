// Hot queries compiled once: Kysely builds, transforms (camelCase → snake_case) and compiles a
// query on every call, about a third of a portal lookup's CPU. A `precompiled` query is built the
// usual way, compiled once per database with marker values in place of its arguments, and from
// then on only its parameters change. The SQL is exactly what the builder produces.
import { type Compilable, CompiledQuery, type KyselyPlugin } from 'kysely';
import type { Executor } from './database.ts';
import type { Database } from './schema.ts';

const MARK = '\u0000retour-arg:';
type Slot = { arg: number } | { value: unknown };
type Template = { plugins: readonly KyselyPlugin[]; sql: string; slots: Slot[] };

export type Precompiled<A extends unknown[], R> = (db: Executor, ...args: A) => Promise<R[]>;

/**
 * `build` must use each argument as a plain value (a parameter), never as an identifier, a list
 * or inside SQL text. Arguments are scalars; a list needs one precompiled query per length.
 */
export function precompiled<A extends unknown[], R>(build: (db: Executor, ...args: A) => Compilable<R>): Precompiled<A, R> {
  // Per database (its adapter) and plugin list: a transaction shares both with its database; a
  // test that adds a plugin to watch queries gets its own template, built in its sight.
  const templates = new WeakMap<object, Template[]>();
  return async (db, ...args) => {
    const executor = db.getExecutor();
    const known = templates.get(executor.adapter) ?? [];
    const plugins = executor.plugins;
    const template = known.find((t) => t.plugins.length === plugins.length && t.plugins.every((p, i) => p === plugins[i]));
    if (!template) {
      // First use on this database: run the built query as usual, then keep its template.
      const compiled = build(db, ...args).compile();
      const rows = (await db.executeQuery(compiled)).rows;
      known.push(templateOf(db, build, args.length, plugins));
      if (known.length > 8) known.shift();
      templates.set(executor.adapter, known);
      return rows;
    }
    const parameters = template.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    return (await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters))).rows;
  };
}

function templateOf<A extends unknown[], R>(
  db: Executor,
  build: (db: Executor, ...args: A) => Compilable<R>,
  count: number,
  plugins: readonly KyselyPlugin[],
): Template {
  const marks = Array.from({ length: count }, (_, i) => `${MARK}${i}`) as A;
  const compiled = build(db, ...marks).compile();
  if (compiled.sql.includes(MARK)) throw new Error('precompiled: an argument ended up in the SQL text');
  const slots: Slot[] = compiled.parameters.map((p) =>
    typeof p === 'string' && p.startsWith(MARK) ? { arg: Number(p.slice(MARK.length)) } : { value: p },
  );
  for (let i = 0; i < count; i++) {
    if (!slots.some((s) => 'arg' in s && s.arg === i)) throw new Error(`precompiled: argument ${i} is not a parameter`);
  }
  return { plugins, sql: compiled.sql, slots };
}

type Row = object;
const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint';

/**
 * `insert into <table> (…) values (…), (…)` precompiled per shape (column list and row count).
 * Rows must share their columns and hold scalars or null; anything else goes through the builder.
 * `finish` adds what follows the values (e.g. an `on conflict` clause).
 */
export function precompiledInsert(
  table: keyof Database,
  // biome-ignore lint/suspicious/noExplicitAny: the insert builder's type depends on the table
  finish: (query: any) => Compilable<unknown> = (query) => query,
): (db: Executor, rows: Row[]) => Promise<void> {
  const byShape = new Map<string, Precompiled<unknown[], unknown>>();
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const build = (db: Executor, rows: Row[]) => finish((db as any).insertInto(table).values(rows));
  return async (db, rows) => {
    const first = rows[0];
    if (!first) return;
    const columns = Object.keys(first);
    const uniform = rows.every((r) => {
      const keys = Object.keys(r);
      return keys.length === columns.length && keys.every((k, i) => k === columns[i] && isScalar((r as Record<string, unknown>)[k]));
    });
    const shape = `${rows.length}:${columns.join(',')}`;
    let query = byShape.get(shape);
    if (!uniform || (!query && byShape.size >= 64)) {
      await db.executeQuery(build(db, rows).compile());
      return;
    }
    if (!query) {
      query = precompiled((db, ...values: unknown[]) =>
        build(
          db,
          rows.map((_, r) => Object.fromEntries(columns.map((c, i) => [c, values[r * columns.length + i]]))),
        ),
      );
      byShape.set(shape, query);
    }
    await query(db, ...rows.flatMap((r) => columns.map((c) => (r as Record<string, unknown>)[c])));
  };
}
