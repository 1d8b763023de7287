// Addresses, Access Points and the label scanner shared by the UPS adapter tests.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PartyAddress } from '../../src/carriers/port.ts';
import type { FakeUps } from './fake-ups.ts';

export const shopper: PartyAddress = {
  name: 'Eva de Vries',
  street: 'Keizersgracht',
  houseNumber: '123',
  postalCode: '1015 CJ',
  city: 'Amsterdam',
  country: 'NL',
  phone: '+31 6 12345678',
  email: 'eva@example.nl',
};
export const warehouse: PartyAddress = {
  name: 'Returns desk',
  company: 'Voorbeeld Shop BV',
  street: 'Industrieweg',
  houseNumber: '5',
  postalCode: '3542 AD',
  city: 'Utrecht',
  country: 'NL',
  phone: '+31 30 1234567',
};

/** What a scanner reads from a label image (zbarimg, one value per line). */
export function scanLabel(dir: string, bytes: Uint8Array, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** Three UPS Access Points in Amsterdam, and where the fake geocodes the shopper's postal code. */
export function seedAccessPoints(fake: FakeUps): void {
  fake.postalCodes.set('NL:1015 CJ', { latitude: 52.3747, longitude: 4.8845 });
  const week = (open: string, close: string) =>
    ({ 2: [[open, close]], 3: [[open, close]], 4: [[open, close]], 5: [[open, close]], 6: [[open, close]] }) as const;
  fake.accessPoints.push(
    {
      id: 'NL00000001',
      name: 'Tabakszaak De Jordaan',
      street: 'Westerstraat 12',
      postalCode: '1015 MK',
      city: 'Amsterdam',
      latitude: 52.3772,
      longitude: 4.8842,
      hours: {
        1: null,
        ...week('900', '1800'),
        7: [
          ['0900', '1230'],
          ['1330', '1700'],
        ],
      } as any,
    },
    {
      id: 'NL00000002',
      name: 'Supermarkt Centrum',
      street: 'Nieuwezijds Voorburgwal 50',
      postalCode: '1012 SC',
      city: 'Amsterdam',
      latitude: 52.3765,
      longitude: 4.8932,
      hours: { 1: [['1000', '0']], ...week('0800', '0'), 7: [['0800', '0']] } as any,
    },
    {
      id: 'NL00000003',
      name: 'Boekhandel Zuid',
      street: 'Beethovenstraat 90',
      postalCode: '1077 JN',
      city: 'Amsterdam',
      latitude: 52.3426,
      longitude: 4.8777,
      hours: { 1: null, ...week('1000', '1730'), 7: null } as any,
    },
  );
}
