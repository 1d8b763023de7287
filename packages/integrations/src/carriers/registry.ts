// The carriers this installation offers, chosen in one place.
import type { Carrier } from './port.ts';
import { sandboxCarrier, sandboxCourier } from './sandbox.ts';

export interface CarrierRegistry {
  get(code: string): Carrier | undefined;
  all(): Carrier[];
}

export function createCarrierRegistry(carriers: Carrier[] = [sandboxCarrier, sandboxCourier]): CarrierRegistry {
  const byCode = new Map(carriers.map((c) => [c.info.code, c]));
  return { get: (code) => byCode.get(code), all: () => [...byCode.values()] };
}
