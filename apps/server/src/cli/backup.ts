// `retour backup <file> [--force]` and `retour restore <file>` for the embedded SQLite database.
// PostgreSQL has its own tools (pg_dump, pg_restore, WAL archiving); README "Backups" shows them.
// Exit code: 0 done, 2 refused (the message starts with a stable code and says what to do).
import { parseArgs } from 'node:util';
import { BackupError, backupSqlite, restoreSqlite } from '@retour/db/backup';
import { dialectOf, sqlitePath } from '@retour/db/database';
import { databaseUrlFrom } from '../config.ts';

export const BACKUP_USAGE = `  backup <file> [--force]   online backup of the SQLite database (safe while Retour runs)
  restore <file>            put a backup back (stop every Retour process first; keeps the old file)`;

const SECRET_NOTE =
  'Sealed credentials (shops, Mollie, webhook secrets) need the same SECRET_KEY (or data/secret-key file) as when the backup was made.';

function sqliteDatabase(action: 'backup' | 'restore'): string {
  const url = databaseUrlFrom(process.env);
  let dialect: string;
  try {
    dialect = dialectOf(url);
  } catch (error) {
    throw new BackupError('invalid_database_url', (error as Error).message);
  }
  if (dialect === 'postgres') {
    const tool =
      action === 'backup'
        ? 'pg_dump --format=custom --file=retour.dump "$DATABASE_URL"'
        : 'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" retour.dump';
    throw new BackupError(
      'postgres_database',
      `DATABASE_URL is a PostgreSQL database: \`retour ${action}\` handles SQLite only. Use PostgreSQL's own tools, e.g. ${tool} (README, "Backups").`,
    );
  }
  return sqlitePath(url);
}

function file(args: string[], usage: string): { path: string; force: boolean } {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean' } }, allowPositionals: true });
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0) throw new BackupError('usage', `Usage: retour ${usage}`);
  return { path, force: values.force === true };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function refusals(work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    process.stderr.write(`${error.code}: ${error.message}\n`);
    return 2;
  }
}

export function backupCommand(args: string[]): Promise<number> {
  return refusals(async () => {
    const { path, force } = file(args, 'backup <file> [--force]');
    const database = sqliteDatabase('backup');
    const result = await backupSqlite(database, path, { force });
    process.stdout.write(
      `Backed up ${database} to ${path}: ${megabytes(result.bytes)} in ${(result.milliseconds / 1000).toFixed(2)} s, integrity ok, schema ${result.migration}.\n${SECRET_NOTE}\n`,
    );
  });
}

export function restoreCommand(args: string[]): Promise<number> {
  return refusals(async () => {
    const { path } = file(args, 'restore <file>');
    const database = sqliteDatabase('restore');
    const result = await restoreSqlite(path, database, { now: new Date() });
    const lines = [
      `Restored ${path} into ${database} (schema ${result.migration}${result.migrated.length ? `, migrated up through ${result.migrated.join(', ')}` : ''}).`,
      result.keptAs
        ? `The database it replaced is kept as ${result.keptAs}; delete it once you are sure.`
        : 'There was no database there before.',
      SECRET_NOTE,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
