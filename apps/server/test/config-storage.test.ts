// RETOUR_STORAGE and the S3 settings: defaults, fallbacks, and refusals that say what to fix.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const base = { DATABASE_URL: 'file::memory:', SECRET_KEY: 'x'.repeat(40) };
const s3 = {
  ...base,
  RETOUR_STORAGE: 's3',
  S3_BUCKET: 'retour-photos',
  S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'secret/+key',
};

describe('storage configuration', () => {
  it('keeps files on the local disk by default', () => {
    expect(loadConfig(base).storage).toEqual({ kind: 'local', dir: expect.stringMatching(/data\/files$/) });
    expect(loadConfig({ ...base, RETOUR_STORAGE_DIR: '/srv/retour/files' }).storage).toEqual({ kind: 'local', dir: '/srv/retour/files' });
  });

  it('S3 on AWS: region us-east-1 and virtual-hosted addressing unless told otherwise', () => {
    expect(loadConfig(s3).storage).toEqual({
      kind: 's3',
      bucket: 'retour-photos',
      region: 'us-east-1',
      endpoint: null,
      forcePathStyle: false,
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret/+key',
      prefix: '',
    });
  });

  it('S3-compatible service: endpoint, region, path-style by default with an endpoint, prefix', () => {
    const storage = loadConfig({
      ...s3,
      S3_ENDPOINT: 'https://s3.fr-par.scw.cloud/',
      S3_REGION: 'fr-par',
      S3_PREFIX: '/retour/photos/',
    }).storage;
    expect(storage).toMatchObject({
      endpoint: 'https://s3.fr-par.scw.cloud',
      region: 'fr-par',
      forcePathStyle: true,
      prefix: 'retour/photos/',
    });
    expect(
      loadConfig({ ...s3, S3_ENDPOINT: 'https://acct.r2.cloudflarestorage.com', S3_REGION: 'auto', S3_FORCE_PATH_STYLE: '0' }).storage,
    ).toMatchObject({
      forcePathStyle: false,
      region: 'auto',
    });
    expect(loadConfig({ ...s3, S3_FORCE_PATH_STYLE: '1' }).storage).toMatchObject({ endpoint: null, forcePathStyle: true });
  });

  it('takes the AWS_* names when the S3_* ones are not set', () => {
    const { S3_ACCESS_KEY_ID: _a, S3_SECRET_ACCESS_KEY: _s, ...rest } = s3;
    const storage = loadConfig({
      ...rest,
      AWS_ACCESS_KEY_ID: 'AKIDAWS',
      AWS_SECRET_ACCESS_KEY: 'aws-secret',
      AWS_REGION: 'eu-central-1',
    }).storage;
    expect(storage).toMatchObject({ accessKeyId: 'AKIDAWS', secretAccessKey: 'aws-secret', region: 'eu-central-1' });
  });

  it.each([
    [{ RETOUR_STORAGE: 'ftp' }, /RETOUR_STORAGE must be "local" or "s3"/],
    [{ S3_BUCKET: '' }, /needs S3_BUCKET/],
    [{ S3_BUCKET: 'Photos_2026' }, /S3_BUCKET must be a bucket name/],
    [{ S3_BUCKET: 'my.photos' }, /has dots.*S3_FORCE_PATH_STYLE=1/],
    [{ S3_SECRET_ACCESS_KEY: '' }, /needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/],
    [{ S3_ACCESS_KEY_ID: ' ' }, /needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/],
    [{ S3_REGION: 'EU West' }, /S3_REGION must be a region name/],
    [{ S3_ENDPOINT: 's3.fr-par.scw.cloud' }, /S3_ENDPOINT must be the service's address/],
    [{ S3_ENDPOINT: 'ftp://s3.example' }, /S3_ENDPOINT must be an https:\/\/ address/],
    [{ S3_ENDPOINT: 'https://key:secret@s3.example' }, /without query or credentials/],
    [{ S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE must be 1/],
    [{ S3_PREFIX: 'photos/../x' }, /S3_PREFIX must be folder names/],
  ])('refuses %j with a message that says what to fix', (over, message) => {
    const env = { ...s3, ...over };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    expect(() => loadConfig(env)).not.toThrow(/secret\/\+key/);
  });

  it('a dotted bucket is fine with path-style addressing', () => {
    expect(loadConfig({ ...s3, S3_BUCKET: 'my.photos', S3_FORCE_PATH_STYLE: '1' }).storage).toMatchObject({ bucket: 'my.photos' });
  });
});
