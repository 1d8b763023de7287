// Configuration from the environment (api.md: DATABASE_URL, PORT, HOST, PUBLIC_URL, SMTP_URL,
// SECRET_KEY, RETOUR_DEMO), checked once at start with a message that says what to fix.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { dialectOf, sqlitePath } from '@retour/db/database';
import { type ProviderEndpoints, providerEndpoints } from '@retour/integrations/endpoints';
import type { StorageConfig } from '@retour/integrations/storage/registry';
import { DEFAULT_IMPORT_CONCURRENCY } from './http/import-gate.ts';

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  publicUrl: string;
  smtpUrl: string | null;
  /** Sender address of emails (MAIL_FROM); null = no-reply@ the PUBLIC_URL host. */
  mailFrom: string | null;
  secretKey: Buffer;
  demo: boolean;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (RETOUR_TRUSTED_PROXIES). */
  trustedProxies: string[];
  logLevel: string;
  /** Provider API hosts (RETOUR_MOLLIE_API_URL, RETOUR_SHOPIFY_ORIGIN, RETOUR_ALLOW_HTTP_PROVIDERS, RETOUR_PROVIDER_TIMEOUT_MS). */
  providers: ProviderEndpoints;
  /** This process's worker id for job leases (RETOUR_WORKER_ID); null = `<host name>/<role>` (jobs/worker-identity.ts). */
  workerId: string | null;
  /** Processes `retour serve` runs, sharing the port (WEB_CONCURRENCY; `auto` = one per core). */
  processes: number;
  /** How long SIGTERM waits for in-flight requests and running jobs before cutting them off (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
  /** Where shoppers' files (photos) are kept (RETOUR_STORAGE, RETOUR_STORAGE_DIR). */
  storage: StorageConfig;
  /** Order-import requests at work at once per process (RETOUR_IMPORT_CONCURRENCY); the rest wait (http/import-gate.ts). */
  importConcurrency: number;
}

export class ConfigError extends Error {}

function dataDir(databaseUrl: string): string {
  if (dialectOf(databaseUrl) === 'sqlite') {
    const path = sqlitePath(databaseUrl);
    if (path !== ':memory:') return dirname(path);
  }
  return resolve('data');
}

/** SECRET_KEY, or one generated on first start and kept in the data folder. */
function secretKey(env: NodeJS.ProcessEnv, databaseUrl: string): Buffer {
  if (env.SECRET_KEY) {
    if (env.SECRET_KEY.length < 32)
      throw new ConfigError('SECRET_KEY must be at least 32 characters; generate one with `openssl rand -hex 32`.');
    return Buffer.from(env.SECRET_KEY);
  }
  const file = resolve(dataDir(databaseUrl), 'secret-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim());
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return Buffer.from(key);
}

function mailFrom(value: string | undefined): string | null {
  if (!value) return null;
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value))
    throw new ConfigError(`MAIL_FROM must be a plain email address such as returns@shop.example (got "${value}").`);
  return value;
}

/** DATABASE_URL, or the SQLite file under ./data. */
export function databaseUrlFrom(env: NodeJS.ProcessEnv): string {
  return env.DATABASE_URL || 'file:./data/retour.sqlite';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = databaseUrlFrom(env);
  try {
    dialectOf(databaseUrl);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number (got "${env.PORT}").`);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(/\/$/, '');
  if (!/^https?:\/\//.test(publicUrl)) throw new ConfigError('PUBLIC_URL must start with http:// or https://.');
  const shutdownTimeoutMs = Number(env.SHUTDOWN_TIMEOUT_MS || 10_000);
  if (!Number.isInteger(shutdownTimeoutMs) || shutdownTimeoutMs < 0)
    throw new ConfigError(`SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds (got "${env.SHUTDOWN_TIMEOUT_MS}").`);
  const workerId = env.RETOUR_WORKER_ID?.trim() || null;
  if (workerId && !/^[\w.:/@-]{1,100}$/.test(workerId))
    throw new ConfigError('RETOUR_WORKER_ID may use letters, digits and . _ : / @ - (up to 100 characters).');
  const processes = processesFrom(env.WEB_CONCURRENCY);
  const importConcurrency = Number(env.RETOUR_IMPORT_CONCURRENCY?.trim() || DEFAULT_IMPORT_CONCURRENCY);
  if (!Number.isInteger(importConcurrency) || importConcurrency < 1 || importConcurrency > 64)
    throw new ConfigError(
      `RETOUR_IMPORT_CONCURRENCY must be a number of order imports at work at once, from 1 to 64 (got "${env.RETOUR_IMPORT_CONCURRENCY}").`,
    );
  return {
    databaseUrl,
    port,
    host,
    publicUrl,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: mailFrom(env.MAIL_FROM),
    secretKey: secretKey(env, databaseUrl),
    demo: env.RETOUR_DEMO !== '0',
    trustedProxies: (env.RETOUR_TRUSTED_PROXIES || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL || 'info',
    providers: providerEndpoints(env),
    workerId,
    processes,
    shutdownTimeoutMs,
    storage: storageFrom(env, databaseUrl),
    importConcurrency,
  };
}

/**
 * RETOUR_STORAGE: `local` (default: files under RETOUR_STORAGE_DIR, else <data folder>/files) or
 * `s3` (S3_BUCKET, S3_REGION, S3_ENDPOINT, S3_FORCE_PATH_STYLE, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
 * S3_PREFIX; the keys fall back to AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the region to AWS_REGION).
 */
export function storageFrom(env: NodeJS.ProcessEnv, databaseUrl: string): StorageConfig {
  const kind = env.RETOUR_STORAGE?.trim() || 'local';
  if (kind === 's3') return s3StorageFrom(env);
  if (kind !== 'local') throw new ConfigError(`RETOUR_STORAGE must be "local" or "s3" (got "${env.RETOUR_STORAGE}").`);
  return { kind: 'local', dir: resolve(env.RETOUR_STORAGE_DIR || resolve(dataDir(databaseUrl), 'files')) };
}

function s3StorageFrom(env: NodeJS.ProcessEnv): StorageConfig {
  const bucket = env.S3_BUCKET?.trim() ?? '';
  if (!bucket) throw new ConfigError('RETOUR_STORAGE=s3 needs S3_BUCKET, the name of the bucket that keeps the photos.');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..'))
    throw new ConfigError(`S3_BUCKET must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens (got "${bucket}").`);
  const region = env.S3_REGION?.trim() || env.AWS_REGION?.trim() || 'us-east-1';
  if (!/^[a-z0-9-]{2,32}$/.test(region))
    throw new ConfigError(`S3_REGION must be a region name such as eu-central-1 (or "auto" for Cloudflare R2) (got "${region}").`);
  const endpoint = s3Endpoint(env.S3_ENDPOINT?.trim() || null);
  const pathStyle = env.S3_FORCE_PATH_STYLE?.trim() || (endpoint ? '1' : '0');
  if (!['0', '1', 'true', 'false'].includes(pathStyle))
    throw new ConfigError(
      `S3_FORCE_PATH_STYLE must be 1 (endpoint/bucket/key) or 0 (bucket.endpoint/key) (got "${env.S3_FORCE_PATH_STYLE}").`,
    );
  const forcePathStyle = pathStyle === '1' || pathStyle === 'true';
  if (!forcePathStyle && bucket.includes('.') && (endpoint ?? 'https:').startsWith('https:'))
    throw new ConfigError(
      `S3_BUCKET "${bucket}" has dots, which HTTPS certificates of bucket.endpoint names do not cover: set S3_FORCE_PATH_STYLE=1.`,
    );
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || env.AWS_ACCESS_KEY_ID?.trim() || '';
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() || env.AWS_SECRET_ACCESS_KEY?.trim() || '';
  if (!accessKeyId || !secretAccessKey)
    throw new ConfigError(
      'RETOUR_STORAGE=s3 needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: a key pair allowed to read, write and delete objects in S3_BUCKET.',
    );
  const prefix = (env.S3_PREFIX ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (prefix && !/^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)*$/.test(prefix))
    throw new ConfigError(
      `S3_PREFIX must be folder names of letters, digits, ".", "_" and "-" separated by "/", e.g. retour/photos (got "${env.S3_PREFIX}").`,
    );
  return { kind: 's3', bucket, region, endpoint, forcePathStyle, accessKeyId, secretAccessKey, prefix: prefix ? `${prefix}/` : '' };
}

function s3Endpoint(value: string | null): string | null {
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`S3_ENDPOINT must be the service's address, e.g. https://s3.fr-par.scw.cloud (got "${value}").`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password)
    throw new ConfigError(
      `S3_ENDPOINT must be an https:// address without query or credentials, e.g. https://s3.fr-par.scw.cloud (got "${value}").`,
    );
  return url.href.replace(/\/+$/, '');
}

/** WEB_CONCURRENCY or `--processes`: a whole number from 1 to 64, or `auto` (one per core). */
export function processesFrom(value: string | undefined, name = 'WEB_CONCURRENCY'): number {
  const text = value?.trim() || '1';
  if (text === 'auto') return Math.min(64, availableParallelism());
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new ConfigError(`${name} must be a number of processes from 1 to 64, or "auto" for one per core (got "${value}").`);
  return n;
}
