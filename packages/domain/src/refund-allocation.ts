/**
 * Spreads a refund over the lines it pays back, for shops that book refunds per order line: each
 * line gets at most its own value, in the order given, until the amount is used up. Whatever the
 * lines cannot hold (a refund above their value, e.g. shipping) stays unallocated. Minor units.
 */
export function allocateRefund<K>(
  amount: number,
  lines: { key: K; value: number }[],
): { allocated: { key: K; amount: number }[]; rest: number } {
  let rest = Math.max(0, amount);
  const allocated = lines.map((line) => {
    const share = Math.min(rest, Math.max(0, line.value));
    rest -= share;
    return { key: line.key, amount: share };
  });
  return { allocated, rest };
}
