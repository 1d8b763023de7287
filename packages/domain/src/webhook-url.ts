/**
 * Which URLs a merchant's webhook endpoint may have: https, no credentials in the URL, no
 * fragment, not a loopback or private IP address (the server must not be made to call its own
 * network). Plain http, and loopback, only where the server allows it (tests, local development).
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Loopback, private, link-local and unspecified IP literals (host names are not resolved here). */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('::ffff:');
  }
  return false;
}

/** A sentence saying what to fix, or null when the URL is acceptable. */
export function webhookUrlProblem(raw: string, opts: { allowInsecureHttp: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Use an absolute URL such as https://example.com/hooks/retour.';
  }
  if (url.username || url.password) return 'Do not put credentials in the URL; verify the retour-signature header instead.';
  if (url.hash) return 'Remove the #fragment from the URL.';
  if (url.protocol === 'https:') {
    if (isInternalHost(url.hostname) && !(opts.allowInsecureHttp && LOOPBACK.has(url.hostname)))
      return 'Use a public address; loopback and private network addresses are not accepted.';
    return null;
  }
  if (url.protocol === 'http:') {
    if (opts.allowInsecureHttp && LOOPBACK.has(url.hostname)) return null;
    return 'Use an https:// URL; plain http is not accepted.';
  }
  return 'Use an https:// URL.';
}
