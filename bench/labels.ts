// Label throughput: renders documents with varying data, sequentially on one core, for a few seconds
// each, and prints documents per second of wall time (and per CPU-second, steadier on a shared
// machine). Usage: npx tsx bench/labels.ts   (BENCH_LABEL_SECONDS=5 per kind, after a 3 s warm-up)
import { renderCn23Pdf } from '@retour/documents/cn23';
import { renderLabelPdf } from '@retour/documents/label-pdf';
import { renderLabelZpl } from '@retour/documents/label-zpl';
import type { Cn23Data, DocLanguage, LabelData, Party } from '@retour/documents/types';

const SECONDS = Number(process.env.BENCH_LABEL_SECONDS ?? 5);
const languages: DocLanguage[] = ['en', 'nl', 'fr', 'de', 'it'];
const names = ['Anna de Vries', 'Jürgen Weiß', 'Zeynep İstanbullu', 'Małgorzata Łódź', 'Søren Ærøskøbing', 'Νίκος Παπαδόπουλος'];
const streets = ['Prinsengracht', 'Straße des 17. Juni', 'Ærøskøbing Lane', 'ul. Piotrkowska', 'Rue de la Paix', 'Via Roma'];
const cities = ['Amsterdam', 'Berlin', 'London', 'Łódź', 'Paris', 'Αθήνα'];
const countries = ['NL', 'DE', 'GB', 'PL', 'FR', 'GR'];

const returnAddress: Party = {
  name: 'Retourcentrum Acme',
  company: 'Acme Fashion B.V.',
  street: 'Industrieweg',
  houseNumber: '12',
  postalCode: '3542 AD',
  city: 'Utrecht',
  country: 'NL',
};

function shopper(i: number): Party {
  const k = i % names.length;
  return {
    name: names[k]!,
    street: streets[(i >> 1) % streets.length]!,
    houseNumber: String((i % 300) + 1),
    postalCode: String(10000 + (i % 89999)),
    city: cities[k]!,
    country: countries[k]!,
  };
}

function label(i: number, qr = false): LabelData {
  return {
    reference: `R-${(i * 7919).toString(36).toUpperCase().padStart(6, '0').slice(-6)}`,
    trackingNumber: `3SRTR${String(1_000_000_000 + i * 37)}`,
    carrierName: 'Sandbox Post',
    service: 'Return — drop-off',
    weightGrams: 200 + (i % 5000),
    date: '2026-06-30',
    deadline: '2026-07-14',
    language: languages[i % languages.length]!,
    from: shopper(i),
    to: returnAddress,
    qrPayload: qr ? `https://sandbox-post.example/qr/${i}` : null,
  };
}

function cn23(i: number): Cn23Data {
  return {
    reference: label(i).reference,
    trackingNumber: label(i).trackingNumber,
    date: '2026-06-30',
    currency: 'EUR',
    sender: shopper(i),
    addressee: returnAddress,
    items: [
      { description: 'Wool sweater', quantity: 1 + (i % 3), netWeightGrams: 640, value: 5999, hsCode: '611011', originCountry: 'PT' },
      { description: 'Leather belt', quantity: 1, netWeightGrams: 250, value: 3495, hsCode: '420330', originCountry: 'IT' },
    ],
    outboundTrackingNumber: `3SACME${i}`,
    outboundDate: '2026-05-02',
    language: languages[i % languages.length]!,
  };
}

async function rate(name: string, seconds: number, render: (i: number) => Promise<unknown> | unknown): Promise<void> {
  let count = 0;
  let bytes = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    const out = await render(count);
    bytes += typeof out === 'string' ? out.length : out instanceof Buffer ? out.length : 0;
    count++;
  }
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `${name}/s: ${Math.round(count / elapsed)}   (${count} in ${elapsed.toFixed(1)} s; ${Math.round(count / cpuSeconds)} per CPU-second; avg ${Math.round(bytes / count)} bytes)`,
  );
}

const first = performance.now();
await renderLabelPdf(label(0), 'a6');
console.log(`first A6 label (reads and parses the fonts): ${(performance.now() - first).toFixed(0)} ms`);
// Warm-up (JIT, the shared shaping cache): three seconds over every PDF kind.
for (let i = 0, end = performance.now() + 3000; performance.now() < end; i++) {
  const format = i % 4 === 0 ? 'a6' : i % 4 === 1 ? '4x6' : 'a4';
  await renderLabelPdf(label(i, i % 4 === 3), format);
  if (i % 10 === 0) await renderCn23Pdf(cn23(i));
}

await rate('A6 labels', SECONDS, (i) => renderLabelPdf(label(i), 'a6'));
await rate('4x6 labels', SECONDS, (i) => renderLabelPdf(label(i), '4x6'));
await rate('A4 labels', SECONDS, (i) => renderLabelPdf(label(i), 'a4'));
await rate('A4 label-less (QR) sheets', SECONDS, (i) => renderLabelPdf(label(i, true), 'a4'));
await rate('ZPL labels', SECONDS, (i) => renderLabelZpl(label(i)));
await rate('CN23 declarations', SECONDS, (i) => renderCn23Pdf(cn23(i)));
