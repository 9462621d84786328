package banksim.branch;

import banksim.proto.AppliedIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  /**
   * Ids kept one by one above an incarnation's watermark. A branch leaves gaps only as wide as the
   * writes it has in flight; past this many, the oldest gap is taken as closed (only a forged
   * stream of ids gets here), so that memory stays bounded whatever arrives.
   */
  static final int OUT_OF_ORDER_KEPT = 65_536;

  /** One incarnation's applied ids: all up to {@code upTo}, and {@code above} it. */
  private static final class Applied {
    long upTo;
    final TreeSet<Long> above = new TreeSet<>();

    boolean contains(long sequence) {
      return sequence <= upTo || above.contains(sequence);
    }

    void add(long sequence) {
      if (sequence > upTo) {
        above.add(sequence);
      }
      if (above.size() > OUT_OF_ORDER_KEPT) {
        upTo = above.pollFirst();
      }
      compact();
    }

    /** Every id up to {@code sequence} was applied. */
    void raiseTo(long sequence) {
      upTo = Math.max(upTo, sequence);
      above.headSet(upTo, true).clear();
      compact();
    }

    private void compact() {
      while (!above.isEmpty() && above.first() == upTo + 1) {
        upTo = above.pollFirst();
      }
    }
  }

  private final Map<Integer, TreeMap<Long, Applied>> byOrigin = new HashMap<>();

  /**
   * Whether this write is new, remembering it. A request without an operation id (from a seed
   * client, which never retries) is always new; one of an incarnation older than those kept is
   * taken as applied (its origin restarted twice since: it cannot be retrying it).
   */
  synchronized boolean firstTime(int originId, long operationId) {
    if (contains(originId, operationId)) {
      return false;
    }
    add(originId, operationId);
    return true;
  }

  /** Whether this write was applied (see {@link #firstTime}), without remembering it. */
  synchronized boolean contains(int originId, long operationId) {
    if (operationId == 0) {
      return false;
    }
    long incarnation = OperationIds.incarnation(operationId);
    TreeMap<Long, Applied> incarnations = byOrigin.get(originId);
    if (incarnations == null) {
      return false;
    }
    Applied applied = incarnations.get(incarnation);
    if (applied == null) {
      return incarnations.size() >= INCARNATIONS_KEPT && incarnation < incarnations.firstKey();
    }
    return applied.contains(OperationIds.sequence(operationId));
  }

  /**
   * Whether every write of the origin's incarnation up to this one was applied; an incarnation
   * older than those kept counts as applied.
   */
  synchronized boolean allUpTo(int originId, long operationId) {
    long incarnation = OperationIds.incarnation(operationId);
    TreeMap<Long, Applied> incarnations = byOrigin.get(originId);
    if (incarnations == null) {
      return operationId == 0;
    }
    Applied applied = incarnations.get(incarnation);
    if (applied == null) {
      return incarnations.size() >= INCARNATIONS_KEPT && incarnation < incarnations.firstKey();
    }
    return OperationIds.sequence(operationId) <= applied.upTo;
  }

  /** Remembers a write as applied. */
  synchronized void add(int originId, long operationId) {
    if (operationId == 0) {
      return;
    }
    TreeMap<Long, Applied> incarnations = byOrigin.computeIfAbsent(originId, o -> new TreeMap<>());
    incarnations
        .computeIfAbsent(OperationIds.incarnation(operationId), i -> new Applied())
        .add(OperationIds.sequence(operationId));
    while (incarnations.size() > INCARNATIONS_KEPT) {
      incarnations.pollFirstEntry();
    }
  }

  /** How many ids are remembered one by one (out of order), over every origin: for tests. */
  synchronized int remembered() {
    return byOrigin.values().stream()
        .flatMap(incarnations -> incarnations.values().stream())
        .mapToInt(applied -> applied.above.size() + 1)
        .sum();
  }

  /** Everything remembered, for a restarted peer to take over. */
  synchronized List<AppliedIds> export() {
    List<AppliedIds> ids = new ArrayList<>();
    byOrigin.forEach(
        (origin, incarnations) ->
            incarnations.forEach(
                (incarnation, applied) ->
                    ids.add(
                        AppliedIds.newBuilder()
                            .setOrigin(origin)
                            .setIncarnation(incarnation)
                            .setUpTo(applied.upTo)
                            .addAllAbove(applied.above)
                            .build())));
    return ids;
  }

  /** Takes over what a peer {@link #export exported}, in addition to what is remembered here. */
  synchronized void load(List<AppliedIds> ids) {
    for (AppliedIds one : ids) {
      long base = one.getIncarnation() << OperationIds.SEQUENCE_BITS;
      if (one.getUpTo() > 0) {
        add(one.getOrigin(), base | one.getUpTo());
        Applied applied = byOrigin.get(one.getOrigin()).get(one.getIncarnation());
        if (applied != null) { // null: an incarnation older than those kept
          applied.raiseTo(one.getUpTo());
        }
      }
      one.getAboveList().forEach(sequence -> add(one.getOrigin(), base | sequence));
    }
  }
}
