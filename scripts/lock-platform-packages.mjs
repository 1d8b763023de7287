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
// The same gap for any other package's platform builds (Rollup's, pulled in by devDependencies):
// an optional dependency missing from the lock whose name spells its platform, e.g.
// `@rollup/rollup-linux-arm-musleabihf`, is recorded with the os/cpu/libc its name says.
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];
const CPU = {
  arm: 'arm',
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
};
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const at = parts.findIndex((part) => OS.includes(part));
  if (at < 0) return null;
  const cpu = CPU[parts[at + 1]];
  if (!cpu) return null;
  const abi = parts.slice(at + 2).join('-');
  const libc = /musl/.test(abi) ? ['musl'] : parts[at] === 'linux' ? ['glibc'] : undefined;
  return { os: [parts[at]], cpu: [cpu], ...(libc ? { libc } : {}) };
}
function resolves(from, dep) {
  let base = from;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ''}node_modules/${dep}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut > 0 ? base.slice(0, cut) : '';
  }
}
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+$/.test(spec) || resolves(key.replace(/\/?node_modules\/[^/]+(\/[^/]+)?$/, ''), dep)) continue;
    const at =
      `${key.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')}${key.includes('/node_modules/') ? '/' : ''}node_modules/${dep}`.replace(
        /^\//,
        '',
      );
    lock.packages[at] = { version: spec, ...platform, ...(entry.dev ? { dev: true } : {}), license: entry.license, optional: true };
    added++;
  }
}

const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added ? `package-lock.json: recorded ${added} platform packages` : 'package-lock.json: nothing to add');
