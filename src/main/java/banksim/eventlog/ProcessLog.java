package banksim.eventlog;

import banksim.trace.Participant;
import java.util.List;

/** One process's events, in its own order: a customer entry's, or a branch's by clock. */
public record ProcessLog(Participant process, List<LogEvent> events) {
  public ProcessLog {
    events = List.copyOf(events);
  }
}
