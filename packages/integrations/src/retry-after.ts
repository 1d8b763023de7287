// The Retry-After header of a 429 (or 503) answer, as every provider client reads it: seconds
// ("2", "2.0") or an HTTP date. Each client decides what to do with it (bounded wait, give up).

/** Milliseconds to wait, or null when the header is absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : null;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
