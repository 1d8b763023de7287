// `retour import <file.csv> [--merchant <id>] [--integration <name>]`: imports orders from a CSV file
// through the same use case as POST /api/v1/imports, printing progress and the report.
// Exit code: 0 every row stored, 1 some rows refused, 2 unusable input (arguments, file, header).
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportRun } from '@retour/contracts/imports';
import { listMerchants } from '@retour/db/repos/merchants';
import { loadConfig } from '../config.ts';
import { openContext } from '../server.ts';
import { startCsvImport } from '../use-cases/orders/import-csv-orders.ts';

export const IMPORT_USAGE = `  import <file.csv> [--merchant <id>] [--integration <name>]
                            import or update orders from a CSV file (columns in the README)`;

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Runs the command and returns the exit code. */
export async function importCsvCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    err(`${(error as Error).message}\nUsage: retour import <file.csv> [--merchant <id>] [--integration <name>]`);
    return 2;
  }
  const { file, merchant, integration } = parsed;
  if (!file) {
    err('Give the CSV file to import: retour import <file.csv> [--merchant <id>] [--integration <name>]');
    return 2;
  }
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    err(`Cannot read ${file}: give the path of a CSV file.`);
    return 2;
  }
  const { ctx, close } = await openContext(loadConfig());
  try {
    const merchants = await listMerchants(ctx.db, { id: merchant, limit: 2 });
    if (merchant && merchants.length === 0) {
      err(`There is no merchant ${merchant} in this database; check the id (it starts with "mer_").`);
      return 2;
    }
    if (!merchant && merchants.length !== 1) {
      err(
        merchants.length === 0
          ? 'There is no merchant in this database yet; create one with `retour merchant create --name <n> --email <e>`.'
          : 'This database has several merchants: say which one the orders belong to with --merchant <id>.',
      );
      return 2;
    }
    const target = merchants[0] as { id: string; name: string };
    out(`Importing ${basename(file)} for ${target.name} (${target.id})…`);
    const { done } = await startCsvImport(
      ctx,
      target.id,
      { source: createReadStream(file), fileName: basename(file), integration },
      (run) => out(progressLine(run)),
    );
    const run = await done;
    return report(run);
  } finally {
    await close();
  }
}

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { merchant: { type: 'string' }, integration: { type: 'string' } },
  });
  if (positionals.length > 1) throw new Error(`Give one file, not ${positionals.length}.`);
  return { file: positionals[0], merchant: values.merchant, integration: values.integration };
}

function progressLine(run: ImportRun): string {
  const pct = run.total ? Math.floor((run.processed / run.total) * 100) : 0;
  return `  ${run.processed}/${run.total ?? '?'} rows (${pct}%): ${counts(run)}`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const counts = (run: ImportRun) => `${plural(run.created, 'order')} created, ${run.updated} updated, ${plural(run.failed, 'row')} refused`;

function report(run: ImportRun): number {
  if (run.status === 'failed' && run.processed === 0) {
    err(`Nothing was imported: ${run.error}`);
    return 2;
  }
  if (run.status === 'failed') {
    err(`The import stopped: ${run.error}`);
    return 1;
  }
  for (const p of run.report) out(`  line ${p.line}${p.field ? ` (${p.field})` : ''}: ${p.message}`);
  if (run.failed > run.report.length) out(`  … and ${run.failed - run.report.length} more refused rows.`);
  out(`Done: ${run.total ?? 0} rows: ${counts(run)}.`);
  if (run.failed > 0) {
    err(
      `${plural(run.failed, 'row')} refused (see the lines above): fix them and import the file again; stored orders are updated, not duplicated.`,
    );
    return 1;
  }
  return 0;
}
