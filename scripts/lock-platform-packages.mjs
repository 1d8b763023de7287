// The npm registry this project's machines reach lacks some platform builds of Biome (macOS,
// Windows, Android, musl). npm then leaves them out of package-lock.json, and `npm ci` refuses a
// lock that omits optional dependencies. This records them as optional, platform-bound entries,
// which npm skips on every other platform without fetching them. Run after changing dependencies:
// `npm run lock:fix`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const biome = lock.packages['node_modules/@biomejs/biome'];
const platforms = {
  'cli-android-arm64': [['android'], ['arm64']],
  'cli-android-x64': [['android'], ['x64']],
  'cli-darwin-arm64': [['darwin'], ['arm64']],
  'cli-darwin-x64': [['darwin'], ['x64']],
  'cli-linux-arm64': [['linux'], ['arm64'], ['glibc']],
  'cli-linux-arm64-musl': [['linux'], ['arm64'], ['musl']],
  'cli-linux-x64': [['linux'], ['x64'], ['glibc']],
  'cli-linux-x64-musl': [['linux'], ['x64'], ['musl']],
  'cli-win32-arm64': [['win32'], ['arm64']],
  'cli-win32-x64': [['win32'], ['x64']],
};
let added = 0;
for (const [name, [os, cpu, libc]] of Object.entries(platforms)) {
  const key = `node_modules/@biomejs/${name}`;
  if (!biome || lock.packages[key]) continue;
  lock.packages[key] = {
    version: biome.version,
    cpu,
    dev: true,
    license: biome.license,
    optional: true,
    os,
    ...(libc ? { libc } : {}),
    engines: biome.engines,
  };
  added++;
}
const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added ? `package-lock.json: recorded ${added} platform packages` : 'package-lock.json: nothing to add');
