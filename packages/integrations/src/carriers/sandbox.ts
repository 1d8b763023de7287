// The built-in local carriers. `sandbox` supports every method in every country and pushes tracking
// events to our webhook; `sandbox_courier` is a courier that needs the shopper's phone number
// (pickups and drop-offs), like many real ones, and has no webhooks: it is polled.
// Tracking numbers: "RTR" + 16 random digits + a Luhn check digit, unique with overwhelming
// probability and enforced unique by the database.
import { randomInt } from 'node:crypto';
import { RETURN_METHODS } from '@retour/domain/fees';
import type { AnnounceRequest, Announcement, Carrier, CarrierInfo, CarrierTrackingEvent, PolledShipment } from './port.ts';
import { SANDBOX_TRACKING_CODES, simulateCourierEvents } from './sandbox-tracking.ts';

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidSandboxTrackingNumber(value: string): boolean {
  const m = /^RTR(\d{16})(\d)$/.exec(value);
  return m !== null && luhnCheckDigit(m[1] as string) === Number(m[2]);
}

export function sandboxTrackingNumber(random: (max: number) => number = (max) => randomInt(max)): string {
  let digits = '';
  for (let i = 0; i < 16; i++) digits += String(random(10));
  return `RTR${digits}${luhnCheckDigit(digits)}`;
}

class LocalCarrier implements Carrier {
  readonly info: CarrierInfo;

  constructor(info: CarrierInfo) {
    this.info = info;
  }

  async announce(_request: AnnounceRequest): Promise<Announcement> {
    return { trackingNumber: sandboxTrackingNumber(), trackingUrl: null };
  }
}

class PolledLocalCarrier extends LocalCarrier {
  async poll(shipments: PolledShipment[], now: Date): Promise<CarrierTrackingEvent[]> {
    return simulateCourierEvents(shipments, now);
  }
}

export const sandboxCarrier: Carrier = new LocalCarrier({
  code: 'sandbox',
  name: 'Sandbox Post',
  methods: RETURN_METHODS,
  countries: ['*'],
  phoneRequired: false,
  prices: { NL: 495, BE: 595, DE: 595, '*': 1295 },
  priceCurrency: 'EUR',
  trackingCodes: SANDBOX_TRACKING_CODES,
  webhooks: true,
});

export const sandboxCourier: Carrier = new PolledLocalCarrier({
  code: 'sandbox_courier',
  name: 'Sandbox Courier',
  methods: ['drop_off', 'pickup'],
  countries: ['*'],
  phoneRequired: true,
  prices: { NL: 695, '*': 1595 },
  priceCurrency: 'EUR',
  trackingCodes: SANDBOX_TRACKING_CODES,
  webhooks: false,
});
