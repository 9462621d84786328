package banksim.branch;

import banksim.proto.SessionWrite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last writes applied of each customer session, so that a write its customer sends again (its
 * branch restarted before answering) is recognised at every replica. A customer sends one event at
 * a time and sends again only its latest, so a few numbers per session suffice; with asynchronous
 * propagation a session's writes may arrive out of order, so they are kept one by one, not as a
 * maximum. Bounded: the sessions least recently written are forgotten past {@link #CAPACITY}.
 */
final class Sessions {
  static final int CAPACITY = 65_536;

  /** The writes remembered per session: its latest ones. */
  static final int PER_SESSION = 4;

  private final Map<Long, long[]> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Whether this write of a session was applied already; session 0 (none) never was. */
  boolean contains(long session, long sequence) {
    long[] writes = session == 0 ? null : recent.get(session);
    return writes != null && Arrays.stream(writes).anyMatch(s -> s == sequence);
  }

  /** Remembers a write, in place of the session's oldest one. */
  void add(long session, long sequence) {
    if (session == 0 || contains(session, sequence)) {
      return;
    }
    long[] writes = recent.computeIfAbsent(session, s -> new long[PER_SESSION]);
    int oldest = 0;
    for (int i = 1; i < writes.length; i++) {
      if (writes[i] < writes[oldest]) {
        oldest = i;
      }
    }
    if (sequence > writes[oldest]) {
      writes[oldest] = sequence;
    }
  }

  List<SessionWrite> export() {
    List<SessionWrite> writes = new ArrayList<>();
    recent.forEach(
        (session, sequences) -> {
          for (long sequence : sequences) {
            if (sequence != 0) {
              writes.add(
                  SessionWrite.newBuilder().setSession(session).setSequence(sequence).build());
            }
          }
        });
    return writes;
  }

  void load(List<SessionWrite> writes) {
    writes.forEach(write -> add(write.getSession(), write.getSequence()));
  }

  /** How many sessions are remembered: for tests. */
  int size() {
    return recent.size();
  }
}
