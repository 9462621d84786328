package banksim.eventlog;

import banksim.eventlog.LogEvent.Direction;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.input.EventSpec;
import banksim.trace.Participant;
import banksim.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Project 2 logs of one run (SPEC section 7): every customer entry's events, in its own order,
 * and every branch's, in its clock order.
 *
 * @param customers one log per customer entry, in input order
 * @param branches one log per branch, by id
 */
public record EventLogs(List<ProcessLog> customers, List<ProcessLog> branches) {
  public EventLogs {
    customers = List.copyOf(customers);
    branches = List.copyOf(branches);
  }

  /** Ties of the all-events list: customers before branches, then by id, then process order. */
  private static final Comparator<LogEvent> ALL_EVENTS =
      Comparator.comparingLong(LogEvent::clock)
          .thenComparing(e -> e.process().role() == Participant.Role.BRANCH)
          .thenComparingInt(e -> e.process().id());

  /**
   * The Lamport clock a customer's request carries: the customer's clock ticks once per request it
   * sends and nothing else changes it, replies included, so its k-th request (1-based) carries k.
   *
   * @param index the request's place among the customer's events, 0-based
   */
  public static long customerClock(int index) {
    return index + 1L;
  }

  /**
   * The logs of a run of {@code input}. A customer's events follow from the input (its k-th request
   * carries clock k); a branch's are the clocked events its part of the trace recorded.
   */
  public static EventLogs of(BankInput input, List<TraceEvent> trace) {
    List<ProcessLog> customers = new ArrayList<>();
    for (int entry = 0; entry < input.customers().size(); entry++) {
      CustomerSpec customer = input.customers().get(entry);
      List<LogEvent> events = new ArrayList<>();
      for (int k = 0; k < customer.events().size(); k++) {
        EventSpec event = customer.events().get(k);
        events.add(
            new LogEvent(
                Participant.customer(customer.id()),
                entry,
                event.request(),
                customerClock(k),
                event.operation().wireName(),
                Direction.SENT,
                Participant.branch(event.branch())));
      }
      customers.add(new ProcessLog(Participant.customer(customer.id()), events));
    }
    Map<Integer, List<LogEvent>> branches = new LinkedHashMap<>();
    input.branches().stream()
        .map(BranchSpec::id)
        .sorted()
        .forEach(id -> branches.put(id, new ArrayList<>()));
    for (TraceEvent event : trace) {
      LogEvent logged = branchEvent(event);
      if (logged != null && branches.containsKey(logged.process().id())) {
        branches.get(logged.process().id()).add(logged);
      }
    }
    List<ProcessLog> branchLogs = new ArrayList<>();
    branches.forEach(
        (id, events) -> {
          events.sort(Comparator.comparingLong(LogEvent::clock));
          branchLogs.add(new ProcessLog(Participant.branch(id), events));
        });
    return new EventLogs(customers, branchLogs);
  }

  /** A branch's own event in the trace, or null where the trace event is none of a branch's. */
  private static LogEvent branchEvent(TraceEvent event) {
    if (event.clock() == null || event.kind() == TraceEvent.Kind.REPLY) {
      return null;
    }
    boolean received = event.kind() == TraceEvent.Kind.RECV;
    Participant branch = received ? event.to() : event.from();
    Participant peer = received ? event.from() : event.to();
    if (branch.role() != Participant.Role.BRANCH) {
      return null;
    }
    String operation =
        event.rpc().isPropagation()
            ? event.rpc().wireName().toLowerCase(Locale.ROOT)
            : event.event() != null
                ? event.event()
                : event.rpc().wireName().toLowerCase(Locale.ROOT);
    return new LogEvent(
        branch,
        -1,
        event.request() == null ? 0 : event.request(),
        event.clock(),
        operation,
        received ? Direction.RECEIVED : Direction.SENT,
        peer);
  }

  /** Every event of the run, by clock; ties: customers first, then by id, then each's order. */
  public List<LogEvent> all() {
    List<LogEvent> all = new ArrayList<>();
    customers.forEach(log -> all.addAll(log.events()));
    branches.forEach(log -> all.addAll(log.events()));
    all.sort(ALL_EVENTS);
    return all;
  }
}
