package banksim.branch;

/**
 * One branch's replica of the balance. Each method is one atomic check-and-apply, so concurrent
 * requests never lose an update and a withdrawal never overdraws.
 */
final class Balance {
  private long value;

  Balance(long initial) {
    this.value = initial;
  }

  synchronized long get() {
    return value;
  }

  /**
   * @throws ArithmeticException if the balance would pass Long.MAX_VALUE; nothing changes then
   */
  synchronized void deposit(long amount) {
    value = Math.addExact(value, amount);
  }

  /** Takes the amount only if the balance covers it; returns whether it did. */
  synchronized boolean withdrawIfCovered(long amount) {
    if (amount > value) {
      return false;
    }
    value -= amount;
    return true;
  }

  /** A replica follows its origin's decision, even where its own copy would not cover it. */
  synchronized void withdrawUnconditionally(long amount) {
    value = Math.subtractExact(value, amount);
  }
}
