package banksim.branch;

/**
 * One branch's replica of the balance, and the branch's Lamport clock (SPEC section 7). Each method
 * is one atomic step: a received request advances the clock and is applied under the same lock, so
 * that the clock orders the operations as they were applied, concurrent requests never lose an
 * update, and a withdrawal never overdraws.
 */
final class Balance {
  private long value;
  private long clock;

  Balance(long initial) {
    this.value = initial;
  }

  /** The balance and the clock after one step. */
  record Step(long clock, long balance, boolean applied) {}

  synchronized long get() {
    return value;
  }

  /** A request that changes nothing was received (a query, an unknown event). */
  synchronized Step receive(long remoteClock) {
    return new Step(advance(remoteClock), value, true);
  }

  /**
   * A deposit was received and applied.
   *
   * @throws ArithmeticException if the balance would pass Long.MAX_VALUE; nothing changes then
   */
  synchronized Step deposit(long amount, long remoteClock) {
    long after = Math.addExact(value, amount);
    value = after;
    return new Step(advance(remoteClock), value, true);
  }

  /** A withdrawal was received; it takes the amount only if the balance covers it. */
  synchronized Step withdrawIfCovered(long amount, long remoteClock) {
    boolean covered = amount <= value;
    if (covered) {
      value -= amount;
    }
    return new Step(advance(remoteClock), value, covered);
  }

  /**
   * A replica follows its origin's decision, even where its own copy would not cover it.
   *
   * @throws ArithmeticException if the balance would fall below Long.MIN_VALUE; nothing changes
   */
  synchronized Step withdrawUnconditionally(long amount, long remoteClock) {
    long after = Math.subtractExact(value, amount);
    value = after;
    return new Step(advance(remoteClock), value, true);
  }

  /** This branch sends a message: its clock ticks, and the message carries the new value. */
  synchronized long tick() {
    return ++clock;
  }

  private long advance(long remoteClock) {
    clock = Math.max(clock, remoteClock) + 1;
    return clock;
  }
}
