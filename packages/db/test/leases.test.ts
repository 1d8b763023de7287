import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLease, releaseLease } from '../src/repos/leases.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';

const at = (s: number) => new Date(Date.UTC(2026, 5, 15, 10, 0, s)).toISOString();

describe('leases', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  it('has one holder at a time; the holder may renew; an expired lease can be taken over; release frees it', async () => {
    expect(await acquireLease(h.db, 'work:1', 'a', at(0), at(30))).toBe(true);
    expect(await acquireLease(h.db, 'work:1', 'b', at(10), at(40))).toBe(false);
    expect(await acquireLease(h.db, 'work:2', 'b', at(10), at(40))).toBe(true); // another name is independent
    expect(await acquireLease(h.db, 'work:1', 'a', at(20), at(50))).toBe(true); // renewed
    expect(await acquireLease(h.db, 'work:1', 'b', at(40), at(70))).toBe(false); // not expired yet (50)
    expect(await acquireLease(h.db, 'work:1', 'b', at(50), at(80))).toBe(true); // expired: taken over
    await releaseLease(h.db, 'work:1', 'a'); // not a's any more: no effect
    expect(await acquireLease(h.db, 'work:1', 'c', at(51), at(90))).toBe(false);
    await releaseLease(h.db, 'work:1', 'b');
    expect(await acquireLease(h.db, 'work:1', 'c', at(52), at(90))).toBe(true);
  });

  it('lets exactly one of many simultaneous takers win', async () => {
    const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => acquireLease(h.db, 'race', `p${i}`, at(0), at(30))));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});
