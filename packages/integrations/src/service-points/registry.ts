// The service-point provider this installation uses, chosen in one place.
import { createBundledServicePointProvider } from './bundled-provider.ts';
import type { ServicePointProvider } from './port.ts';

export function createServicePointProvider(): ServicePointProvider {
  return createBundledServicePointProvider();
}
