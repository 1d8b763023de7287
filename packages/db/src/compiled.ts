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

/** Most bound values in one statement (SQLite allows 32,766; PostgreSQL 65,535). */
const MAX_PARAMETERS = 30_000;

/**
 * Multi-row `insert into <table> (<columns>) values (…), (…) [finish]` for bulk writes, without
 * building a query per call: the builder compiles the statement for one row once per database,
 * and the SQL for n rows is that row's placeholders repeated (`?` or `$n`). Values are given flat,
 * row after row in `columns` order; scalars or null (undefined is stored as null). Large inputs
 * go in chunks that keep under the bound-variable limit. `finish` may add an `on conflict`
 * clause but no values of its own.
 *
 * On PostgreSQL all rows go as ONE parameter instead: a JSON array of rows, unpacked by
 * `insert into <table> (<columns>) select r->>0, (r->>1)::integer, … from
 * jsonb_array_elements($1::jsonb) as r [finish]`. The server then parses and plans a statement of
 * one parameter instead of one with 30,000 (about half its CPU per import, measured), and Node
 * serialises one string. `integers` names the integer columns (cast from the JSON text); every
 * other column must be text. Values that JSON cannot carry as PostgreSQL would store them (a
 * bigint, NaN, a lone surrogate, U+0000) take the multi-row path above, unchanged.
 */
export function bulkInsert<T extends keyof Database>(
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  // biome-ignore lint/suspicious/noExplicitAny: the insert builder's type depends on the table
  finish: (query: any) => Compilable<unknown> = (query) => query,
  integers: readonly (keyof Database[T] & string)[] = [],
): (db: Executor, values: unknown[]) => Promise<void> {
  type Shape = {
    plugins: readonly KyselyPlugin[];
    head: string;
    tail: string;
    dollar: boolean;
    sql: Map<number, string>;
    /** PostgreSQL: the whole insert, rows from one JSON parameter. */
    fromJson: string;
  };
  const shapes = new WeakMap<object, Shape[]>();
  const width = columns.length;
  const chunkRows = Math.max(1, Math.floor(MAX_PARAMETERS / width));
  const shapeOf = (db: Executor): Shape => {
    const executor = db.getExecutor();
    const known = shapes.get(executor.adapter) ?? [];
    const plugins = executor.plugins;
    let shape = known.find((s) => s.plugins.length === plugins.length && s.plugins.every((p, i) => p === plugins[i]));
    if (shape) return shape;
    const row = Object.fromEntries(columns.map((c, i) => [c, `${MARK}${i}`]));
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const compiled = finish((db as any).insertInto(table).values(row)).compile();
    const values = /\svalues\s*\(/i.exec(compiled.sql);
    const close = values ? compiled.sql.indexOf(')', values.index + values[0].length) : -1;
    const ordered = compiled.parameters.every((p, i) => p === `${MARK}${i}`);
    if (!values || close < 0 || compiled.parameters.length !== width || !ordered) {
      throw new Error(`bulkInsert: unexpected SQL for ${String(table)}`);
    }
    const tuple = compiled.sql.slice(values.index + values[0].length - 1, close + 1);
    const tail = compiled.sql.slice(close + 1);
    const picks = columns.map((c, i) => (integers.includes(c) ? `(r->>${i})::integer` : `r->>${i}`));
    shape = {
      plugins,
      head: compiled.sql.slice(0, values.index + values[0].length - 1),
      tail,
      dollar: tuple.includes('$1'),
      sql: new Map(),
      fromJson: `${compiled.sql.slice(0, values.index)} select ${picks.join(', ')} from jsonb_array_elements($1::jsonb) as r${tail}`,
    };
    known.push(shape);
    if (known.length > 8) known.shift();
    shapes.set(executor.adapter, known);
    return shape;
  };
  const sqlFor = (shape: Shape, rows: number): string => {
    let text = shape.sql.get(rows);
    if (text) return text;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const marks: string[] = [];
      for (let c = 0; c < width; c++) marks.push(shape.dollar ? `$${r * width + c + 1}` : '?');
      tuples.push(`(${marks.join(', ')})`);
    }
    text = `${shape.head}${tuples.join(', ')}${shape.tail}`;
    if (shape.sql.size >= 16) shape.sql.delete(shape.sql.keys().next().value as number);
    shape.sql.set(rows, text);
    return text;
  };
  return async (db, values) => {
    if (values.length % width !== 0) throw new Error(`bulkInsert: ${values.length} values for ${width} columns`);
    const rows = values.length / width;
    if (rows === 0) return;
    const shape = shapeOf(db);
    if (shape.dollar) {
      const json = rowsAsJson(values, width);
      if (json !== null) {
        await db.executeQuery(CompiledQuery.raw(shape.fromJson, [json]));
        return;
      }
    }
    for (let start = 0; start < rows; start += chunkRows) {
      const count = Math.min(chunkRows, rows - start);
      const slice = rows <= chunkRows ? values : values.slice(start * width, (start + count) * width);
      for (let i = 0; i < slice.length; i++) if (slice[i] === undefined) slice[i] = null;
      await db.executeQuery(CompiledQuery.raw(sqlFor(shape, count), slice));
    }
  };
}

/** PostgreSQL would refuse or change these in JSON text: lone surrogates, U+0000 (escaped by JSON.stringify). */
const UNSAFE_JSON = /\\u(?:d[89a-f]|0000)/i;

/**
 * Flat values as a JSON array of rows, or null when JSON would not carry them as a bound
 * parameter does (a bigint, a non-finite number, a lone surrogate or U+0000 in a string).
 */
function rowsAsJson(values: unknown[], width: number): string | null {
  const rows: unknown[][] = [];
  for (let start = 0; start < values.length; start += width) {
    const row = values.slice(start, start + width);
    for (let i = 0; i < width; i++) {
      const v = row[i];
      if (v === undefined) row[i] = null;
      else if (typeof v === 'bigint' || (typeof v === 'number' && !Number.isFinite(v))) return null;
    }
    rows.push(row);
  }
  const json = JSON.stringify(rows);
  return UNSAFE_JSON.test(json) ? null : json;
}

/**
 * `precompiled` for a query whose last argument is a list used in one `in (…)` (the last
 * parameter of the query): compiled once per database with a one-value list, and for n values
 * that placeholder is repeated n times (`?, ?` or `$k, $k+1`). The other arguments are scalars
 * used as parameters. Callers keep lists under the bound-variable limit; an empty list runs
 * nothing and answers no rows.
 */
export function precompiledIn<A extends unknown[], R>(
  build: (db: Executor, ...args: [...A, readonly unknown[]]) => Compilable<R>,
): (db: Executor, ...args: [...A, readonly unknown[]]) => Promise<R[]> {
  type Shape = { plugins: readonly KyselyPlugin[]; before: string; after: string; slots: number[]; dollar: boolean };
  const shapes = new WeakMap<object, Shape[]>();
  const shapeOf = (db: Executor, count: number): Shape => {
    const executor = db.getExecutor();
    const known = shapes.get(executor.adapter) ?? [];
    const plugins = executor.plugins;
    const found = known.find((s) => s.plugins.length === plugins.length && s.plugins.every((p, i) => p === plugins[i]));
    if (found) return found;
    const marks = Array.from({ length: count }, (_, i) => (i === count - 1 ? [`${MARK}${i}`] : `${MARK}${i}`));
    const compiled = build(db, ...(marks as [...A, readonly unknown[]])).compile();
    const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : -1));
    const last = slots.length - 1;
    const dollar = compiled.sql.includes('$1');
    const token = `in (${dollar ? `$${last + 1}` : '?'})`;
    const at = compiled.sql.lastIndexOf(token);
    if (at < 0 || slots[last] !== count - 1 || slots.slice(0, -1).some((s) => s < 0 || s === count - 1)) {
      throw new Error('precompiledIn: the list must be the last parameter and every argument a parameter');
    }
    const shape = {
      plugins,
      before: compiled.sql.slice(0, at),
      after: compiled.sql.slice(at + token.length),
      slots: slots.slice(0, -1),
      dollar,
    };
    known.push(shape);
    if (known.length > 8) known.shift();
    shapes.set(executor.adapter, known);
    return shape;
  };
  return async (db, ...args) => {
    const list = args[args.length - 1] as readonly unknown[];
    if (list.length === 0) return [];
    const shape = shapeOf(db, args.length);
    const parameters: unknown[] = shape.slots.map((s) => args[s]);
    const first = parameters.length + 1;
    for (const v of list) parameters.push(v);
    const marks = shape.dollar ? list.map((_, i) => `$${first + i}`).join(', ') : list.map(() => '?').join(', ');
    return (await db.executeQuery<R>(CompiledQuery.raw(`${shape.before}in (${marks})${shape.after}`, parameters))).rows;
  };
}
