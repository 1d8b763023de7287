// PostNL writes instants as Dutch wall-clock time without a zone (`07-11-2022 19:10:28`, format
// dd-MM-yyyy HH:mm:ss, Europe/Amsterdam): the Labelling `Message.MessageTimeStamp` we send and the
// `TimeStamp` of every status the ShippingStatus API answers. Converting both ways here keeps the
// rest of the adapter in ISO 8601 UTC.

const ZONE = 'Europe/Amsterdam';
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallClock(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of PARTS.formatToParts(instant)) out[part.type] = part.value;
  return out;
}

/** `dd-MM-yyyy HH:mm:ss` in Amsterdam time. */
export function formatPostnlTimestamp(instant: Date): string {
  const p = wallClock(instant);
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** Amsterdam's UTC offset in ms at this instant (+1 h in winter, +2 h in summer). */
function offsetMs(instant: Date): number {
  const p = wallClock(instant);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** ISO 8601 UTC instant of a PostNL `dd-MM-yyyy HH:mm:ss` timestamp; null when unreadable. */
export function parsePostnlTimestamp(text: string | undefined): string | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text?.trim() ?? '');
  if (!m) return null;
  const [, dd, mm, yyyy, hh, mi, ss] = m;
  const wall = Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd), Number(hh), Number(mi), Number(ss));
  if (Number.isNaN(wall)) return null;
  // Two passes settle the offset around the daylight-saving switch.
  let utc = wall - offsetMs(new Date(wall));
  utc = wall - offsetMs(new Date(utc));
  return new Date(utc).toISOString();
}
