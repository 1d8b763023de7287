import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseService } from '../src/carrier-services.ts';

const nl = { country: 'NL', method: 'drop_off', service: 'nl-drop' };
const any = { country: '*', method: 'drop_off', service: 'any-drop' };
const pickup = { country: '*', method: 'pickup', service: 'any-pickup' };

describe('chooseService', () => {
  it.each([
    ['NL', 'drop_off', [any, nl, pickup], 'nl-drop'],
    ['DE', 'drop_off', [any, nl, pickup], 'any-drop'],
    ['DE', 'pickup', [any, nl, pickup], 'any-pickup'],
    ['NL', 'pickup', [nl], undefined],
    ['NL', 'drop_off', [], undefined],
    ['BE', 'drop_off', [nl], undefined],
  ])('from %s by %s', (country, method, services, expected) => {
    expect(chooseService(services, country, method)?.service).toBe(expected);
  });

  it('never answers a service for another method, and prefers the exact country wherever it stands', () => {
    const choice = fc.record({
      country: fc.constantFrom('NL', 'DE', 'BE', '*'),
      method: fc.constantFrom('drop_off', 'pickup', 'print_at_home'),
      service: fc.string(),
    });
    fc.assert(
      fc.property(
        fc.array(choice),
        fc.constantFrom('NL', 'DE', 'BE'),
        fc.constantFrom('drop_off', 'pickup'),
        (services, country, method) => {
          const chosen = chooseService(services, country, method);
          const exact = services.find((s) => s.country === country && s.method === method);
          const fallback = services.find((s) => s.country === '*' && s.method === method);
          expect(chosen).toBe(exact ?? fallback);
          if (chosen) expect(chosen.method).toBe(method);
        },
      ),
    );
  });
});
