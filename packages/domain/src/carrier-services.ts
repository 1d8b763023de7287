// Which of a carrier account's chosen services serves a return: the merchant chooses a service per
// (shopper country, return method); an exact country wins over the '*' choice for every other country.

export type ServiceChoice = { country: string; method: string };

/** The service chosen for returns from `country` with `method`, or undefined when none is chosen. */
export function chooseService<T extends ServiceChoice>(services: readonly T[], country: string, method: string): T | undefined {
  return (
    services.find((s) => s.country === country && s.method === method) ?? services.find((s) => s.country === '*' && s.method === method)
  );
}
