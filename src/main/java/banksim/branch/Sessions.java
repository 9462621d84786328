package banksim.branch;

import banksim.proto.SessionWrite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last write applied of each customer session, so that a write its customer sends again (its
 * branch restarted before answering) is recognised at every replica. A customer sends one event at
 * a time, so one number per session suffices. Bounded: the sessions least recently written are
 * forgotten past {@link #CAPACITY}.
 */
final class Sessions {
  static final int CAPACITY = 65_536;

  private final Map<Long, Long> lastWrite =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Whether this write of a session was applied already; session 0 (none) never was. */
  boolean contains(long session, long sequence) {
    Long last = session == 0 ? null : lastWrite.get(session);
    return last != null && sequence <= last;
  }

  void add(long session, long sequence) {
    if (session != 0) {
      lastWrite.merge(session, sequence, Math::max);
    }
  }

  List<SessionWrite> export() {
    return lastWrite.entrySet().stream()
        .map(
            e -> SessionWrite.newBuilder().setSession(e.getKey()).setSequence(e.getValue()).build())
        .toList();
  }

  void load(List<SessionWrite> writes) {
    writes.forEach(write -> add(write.getSession(), write.getSequence()));
  }
}
