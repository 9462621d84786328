package banksim.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exactly once across retries and restarts, in memory bounded by branches, not by writes. */
@Tag("unit")
class AppliedOperationsTest {
  private final AppliedOperations applied = new AppliedOperations();

  @Test
  void twoMillionWritesInOrderAreRememberedInOneNumber() {
    OperationIds ids = new OperationIds(1_000);
    for (int i = 0; i < 2_000_000; i++) {
      assertTrue(applied.firstTime(2, ids.next()));
    }

    assertEquals(1, applied.remembered(), "one watermark, nothing above it");
  }

  @Test
  void aRetryIsAppliedOnceInOrderOrNot() {
    OperationIds ids = new OperationIds(1_000);
    long first = ids.next();
    long second = ids.next();
    long third = ids.next();

    assertTrue(applied.firstTime(1, third));
    assertTrue(applied.firstTime(1, first));
    assertFalse(applied.firstTime(1, third), "a retry of the third");
    assertTrue(applied.firstTime(1, second));
    assertFalse(applied.firstTime(1, first), "a retry of the first");
    assertEquals(1, applied.remembered(), "compacted once the gap closed");
  }

  @Test
  void aRestartedOriginsWritesAreNewAndOtherOriginsApart() {
    OperationIds before = new OperationIds(1_000);
    OperationIds after = new OperationIds(2_000);
    long old = before.next();

    assertTrue(applied.firstTime(1, old));
    assertTrue(applied.firstTime(1, after.next()), "the restarted branch's first write is new");
    assertTrue(applied.firstTime(3, old), "another origin's id 1 is its own");
    assertFalse(applied.firstTime(1, old));
  }

  @Test
  void onlyTheLatestIncarnationsAreKept() {
    for (long start = 1; start <= 10; start++) {
      assertTrue(applied.firstTime(1, new OperationIds(start * 1_000).next()));
    }

    assertEquals(AppliedOperations.INCARNATIONS_KEPT, applied.remembered());
    assertFalse(
        applied.firstTime(1, new OperationIds(1_000).next()),
        "an incarnation restarted twice since cannot be retrying");
  }

  @Test
  void idsGrowAndRollOverToTheNextIncarnation() {
    OperationIds ids = new OperationIds(7);
    long previous = 0;
    for (int i = 0; i < (1 << OperationIds.SEQUENCE_BITS) + 5; i++) {
      long id = ids.next();
      assertTrue(id > previous, "ids grow");
      assertTrue(OperationIds.sequence(id) > 0, "a sequence is never 0");
      previous = id;
    }
    assertEquals(8, OperationIds.incarnation(previous));
  }
}
