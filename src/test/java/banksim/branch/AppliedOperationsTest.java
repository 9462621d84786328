package banksim.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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

  @Test
  void idsWithGapsThatNeverCloseStayBounded() {
    OperationIds ids = new OperationIds(1_000);
    for (int i = 0; i < 1_000_000; i++) {
      long id = ids.next();
      if (i % 2 == 1) {
        applied.firstTime(5, id); // every other id never arrives: a forged stream
      }
    }

    assertTrue(
        applied.remembered() <= AppliedOperations.OUT_OF_ORDER_KEPT + 1,
        "remembered one by one: " + applied.remembered());
  }

  @Test
  void whatOneBranchExportsAnotherKnowsAsApplied() {
    OperationIds ids = new OperationIds(1_000);
    List<Long> written = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      written.add(ids.next());
    }
    written.subList(0, 500).forEach(id -> applied.firstTime(4, id));
    applied.firstTime(4, written.get(700));

    AppliedOperations restarted = new AppliedOperations();
    restarted.load(applied.export());

    assertFalse(restarted.firstTime(4, written.get(0)));
    assertFalse(restarted.firstTime(4, written.get(499)));
    assertFalse(restarted.firstTime(4, written.get(700)));
    assertTrue(restarted.firstTime(4, written.get(500)), "never applied: new");
    assertEquals(2, restarted.remembered(), "a watermark and one id above it");
  }

  @Test
  void sessionsAreBoundedAndRememberTheirLastWrite() {
    Sessions sessions = new Sessions();
    for (long session = 1; session <= 2L * Sessions.CAPACITY; session++) {
      sessions.add(session, 3);
    }

    assertEquals(Sessions.CAPACITY, sessions.size());
    long recent = 2L * Sessions.CAPACITY;
    assertTrue(sessions.contains(recent, 3));
    assertFalse(sessions.contains(recent, 4), "its next write is new");
    assertFalse(sessions.contains(1, 3), "the least recent session is forgotten");
    assertFalse(sessions.contains(0, 1), "no session: always new");
  }

  @Test
  void aSessionsWritesArrivingOutOfOrderAreEachNew() {
    Sessions sessions = new Sessions();
    sessions.add(9, 2);

    assertFalse(sessions.contains(9, 1), "the earlier write, arriving late, is new");
    sessions.add(9, 1);
    assertTrue(sessions.contains(9, 1));
    assertTrue(sessions.contains(9, 2));
  }
}
