package banksim.branch;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The propagated writes a branch has applied, by origin branch and operation id, so that a retry of
 * one whose answer was lost is acknowledged without being applied again. Bounded by the number of
 * branches, not of writes: per origin and incarnation (see {@link OperationIds}), the highest id
 * below which every id was applied, plus the few applied above it, out of order; and per origin
 * only the latest incarnations.
 */
final class AppliedOperations {
  /** Incarnations kept per origin: the current one, and the one before for its late writes. */
  static final int INCARNATIONS_KEPT = 2;

  /** One incarnation's applied ids: all up to {@code below}, and {@code above} it. */
  private static final class Applied {
    long upTo;
    final TreeSet<Long> above = new TreeSet<>();

    boolean add(long sequence) {
      if (sequence <= upTo || !above.add(sequence)) {
        return false;
      }
      while (!above.isEmpty() && above.first() == upTo + 1) {
        upTo = above.pollFirst();
      }
      return true;
    }
  }

  private final Map<Integer, TreeMap<Long, Applied>> byOrigin = new HashMap<>();

  /**
   * Whether this write is new, remembering it. A request without an operation id (from a seed
   * client, which never retries) is always new; one of an incarnation older than those kept is
   * taken as applied (its origin restarted twice since: it cannot be retrying it).
   */
  synchronized boolean firstTime(int originId, long operationId) {
    if (operationId == 0) {
      return true;
    }
    long incarnation = OperationIds.incarnation(operationId);
    TreeMap<Long, Applied> incarnations = byOrigin.computeIfAbsent(originId, o -> new TreeMap<>());
    if (incarnations.size() >= INCARNATIONS_KEPT
        && !incarnations.containsKey(incarnation)
        && incarnation < incarnations.firstKey()) {
      return false;
    }
    boolean added =
        incarnations
            .computeIfAbsent(incarnation, i -> new Applied())
            .add(OperationIds.sequence(operationId));
    while (incarnations.size() > INCARNATIONS_KEPT) {
      incarnations.pollFirstEntry();
    }
    return added;
  }

  /** How many ids are remembered one by one (out of order), over every origin: for tests. */
  synchronized int remembered() {
    return byOrigin.values().stream()
        .flatMap(incarnations -> incarnations.values().stream())
        .mapToInt(applied -> applied.above.size() + 1)
        .sum();
  }
}
