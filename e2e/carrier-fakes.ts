// The local carrier servers of the journeys (backoffice-carriers.spec.ts, carriers-*.spec.ts):
// Sendcloud, PostNL, DHL Parcel and UPS fakes from packages/integrations/test/support (each enforces
// its carrier's published API; see the comment at the top of each), with the credentials they
// accept. global-setup.ts starts them before `retour serve` and points it at them with
// RETOUR_SENDCLOUD_API_URL / RETOUR_POSTNL_API_URL / RETOUR_DHL_PARCEL_API_URL / RETOUR_UPS_API_URL.
// The specs run in other processes: a small control server on 127.0.0.1 lets them script the
// fakes' next answer (`failNext`), e.g. PostNL refusing a key it accepted before.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeDhlParcel } from '../packages/integrations/test/support/fake-dhl-parcel.ts';
import { FakePostnl } from '../packages/integrations/test/support/fake-postnl.ts';
import { FakeSendcloud } from '../packages/integrations/test/support/fake-sendcloud.ts';
import type { FakePoint } from '../packages/integrations/test/support/fake-sendcloud-points.ts';
import { FakeUps } from '../packages/integrations/test/support/fake-ups.ts';

export const E2E_POSTNL = { apiKey: 'e2e-postnl-api-key', customerCode: 'DEVC', customerNumber: '11223344' };
export const E2E_DHL_PARCEL = { userId: '3f2a9c4e-8b1d-4e6f-9a7c-2d5b8e1f4a60', key: 'e2e-dhl-parcel-key', accountId: '08500001' };
export const E2E_SENDCLOUD = { publicKey: 'e2e-sendcloud-public-key', secretKey: 'e2e-sendcloud-secret-key' };
export const E2E_UPS = { clientId: 'e2e-ups-client-id', clientSecret: 'e2e-ups-client-secret', accountNumber: 'E2E9X2' };

/** Sendcloud's service points near 5611 EM, Eindhoven (a postal code the fake's geocoder knows). */
export const SENDCLOUD_POINTS: FakePoint[] = [
  {
    id: 4101,
    name: 'Primera Stadhuisplein',
    carrier: 'postnl',
    general_shop_type: 'servicepoint',
    address: { street: 'Stadhuisplein', house_number: '3', postal_code: '5611 EM', city: 'Eindhoven', country_code: 'NL' },
    position: { latitude: 51.4383, longitude: 5.4787 },
    opening_times: Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
        day,
        day === 'sunday' ? null : [{ start_time: '09:00', end_time: '18:00' }],
      ]),
    ),
  },
  {
    id: 4102,
    name: 'PostNL pakketautomaat Station',
    carrier: 'postnl',
    general_shop_type: 'locker',
    address: { street: 'Stationsplein', house_number: '17', postal_code: '5611 AC', city: 'Eindhoven', country_code: 'NL' },
    position: { latitude: 51.4432, longitude: 5.4816 },
    opening_times: Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
        day,
        [{ start_time: '00:00', end_time: '23:59' }],
      ]),
    ),
  },
];

export async function startCarrierFakes() {
  const postnl = new FakePostnl();
  postnl.apiKey = E2E_POSTNL.apiKey;
  postnl.customerCode = E2E_POSTNL.customerCode;
  postnl.customerNumber = E2E_POSTNL.customerNumber;
  const dhl = new FakeDhlParcel();
  dhl.users = new Map([
    [
      E2E_DHL_PARCEL.userId,
      { key: E2E_DHL_PARCEL.key, accounts: [E2E_DHL_PARCEL.accountId], organizationId: '5b0e7d2c-1f3a-4c8e-9d6b-7a2e4f1c8b30' },
    ],
  ]);
  const sendcloud = new FakeSendcloud();
  sendcloud.publicKey = E2E_SENDCLOUD.publicKey;
  sendcloud.secretKey = E2E_SENDCLOUD.secretKey;
  sendcloud.points = SENDCLOUD_POINTS;
  const ups = new FakeUps();
  ups.clientId = E2E_UPS.clientId;
  ups.clientSecret = E2E_UPS.clientSecret;
  ups.accountNumber = E2E_UPS.accountNumber;
  const postnlUrl = await postnl.start();
  await dhl.start();
  await sendcloud.start();
  await ups.start();
  // POST /{postnl|dhl_parcel}/fail-next {prefix, reply: {status, body}} → the fake's failNext.
  const control = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { prefix, reply } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (req.method === 'POST' && req.url === '/postnl/fail-next') postnl.failNext(prefix, reply);
      else if (req.method === 'POST' && req.url === '/dhl_parcel/fail-next') dhl.failNext(prefix, reply);
      else return void res.writeHead(404).end();
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  return {
    env: {
      RETOUR_POSTNL_API_URL: postnlUrl,
      RETOUR_DHL_PARCEL_API_URL: dhl.origin,
      RETOUR_SENDCLOUD_API_URL: sendcloud.baseUrl,
      RETOUR_UPS_API_URL: ups.origin,
    },
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    close: async () => {
      control.closeAllConnections();
      await new Promise<void>((resolve) => control.close(() => resolve()));
      await postnl.close();
      await dhl.stop();
      await sendcloud.stop();
      await ups.stop();
    },
  };
}
