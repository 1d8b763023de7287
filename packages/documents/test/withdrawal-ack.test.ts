import { describe, expect, it } from 'vitest';
import type { WithdrawalAck } from '../src/types.ts';
import { renderWithdrawalAcknowledgementPdf } from '../src/withdrawal-ack.ts';
import { trader } from './fixtures.ts';
import { pdfText, squash } from './scan.ts';

function ack(overrides: Partial<WithdrawalAck> = {}): WithdrawalAck {
  return {
    reference: 'R-7K3Q9M',
    trader,
    consumer: { name: 'Zeynep İstanbullu', email: 'zeynep@example.com', address: 'Ærøskøbing Lane 7, London SW1A 1AA' },
    orderNumber: '#1001',
    orderedOn: '2026-06-10',
    receivedOn: '2026-06-12',
    items: [
      { name: 'Wool sweater — Łódź edition', quantity: 2 },
      { name: 'Leather belt', quantity: 1 },
    ],
    // 22:30:15 UTC on 30 June is 00:30:15 on 1 July in Amsterdam (CEST, UTC+2).
    withdrawnAt: '2026-06-30T22:30:15Z',
    timezone: 'Europe/Amsterdam',
    language: 'nl',
    ...overrides,
  };
}

describe('renderWithdrawalAcknowledgementPdf', () => {
  it('states date and time of the withdrawal in the portal time zone, in the language', async () => {
    const text = pdfText(await renderWithdrawalAcknowledgementPdf(ack()));
    expect(text).toContain('woensdag 1 juli 2026');
    expect(text).toContain('00:30:15');
    expect(text).not.toContain('22:30:15 ');
    expect(text).toContain('Europe/Amsterdam');
    expect(text).toContain('2026-06-30T22:30:15.000Z');
    expect(text).toContain('Ontvangstbevestiging van je herroeping');
  });

  it('names consumer, order and goods', async () => {
    const text = pdfText(await renderWithdrawalAcknowledgementPdf(ack()));
    for (const expected of [
      'Zeynep İstanbullu',
      'zeynep@example.com',
      '#1001',
      'R-7K3Q9M',
      'Wool sweater — Łódź edition',
      'Leather belt',
      trader.name,
    ]) {
      expect(text).toContain(expected);
    }
    expect(squash(text)).toContain(squash('2 × Wool sweater'));
    expect(text).toContain('10 juni 2026');
    expect(text).toContain('12 juni 2026');
  });

  it('in another zone and language the same instant reads differently', async () => {
    const text = pdfText(await renderWithdrawalAcknowledgementPdf(ack({ language: 'de', timezone: 'America/New_York' })));
    expect(text).toContain('Dienstag, 30. Juni 2026');
    expect(text).toContain('18:30:15');
    expect(text).toContain('America/New_York');
    expect(text).toContain('Eingangsbestätigung Ihres Widerrufs');
  });

  it('the same data gives byte-identical PDFs', async () => {
    expect((await renderWithdrawalAcknowledgementPdf(ack())).equals(await renderWithdrawalAcknowledgementPdf(ack()))).toBe(true);
  });
});
