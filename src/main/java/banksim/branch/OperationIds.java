package banksim.branch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The operation ids of one branch's writes, unique over its lifetimes: the high bits name the
 * incarnation (the millisecond the branch started, so that a restarted branch's ids are new and
 * larger), the low bits count its writes from 1. Peers remember ids per incarnation, compactly.
 */
final class OperationIds {
  /** Writes per incarnation before the counter would reach the incarnation bits: 2^22. */
  static final int SEQUENCE_BITS = 22;

  private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

  private final long incarnation;
  private final AtomicLong last = new AtomicLong();

  OperationIds(long startMillis) {
    this.incarnation = startMillis;
  }

  /** A new id; past 2^22 writes the incarnation moves on by one, as if the branch restarted. */
  long next() {
    long n = last.incrementAndGet();
    return ((incarnation + (n - 1) / SEQUENCE_MASK) << SEQUENCE_BITS)
        | ((n - 1) % SEQUENCE_MASK + 1);
  }

  static long incarnation(long operationId) {
    return operationId >>> SEQUENCE_BITS;
  }

  static long sequence(long operationId) {
    return operationId & SEQUENCE_MASK;
  }
}
