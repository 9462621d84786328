package banksim.verify;

import banksim.eventlog.EventLogs;
import banksim.eventlog.LogEvent;
import banksim.eventlog.LogEvent.Direction;
import banksim.eventlog.ProcessLog;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.input.EventSpec;
import banksim.trace.Participant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks Project 2 logs against every rule of SPEC section 7, for any run of any implementation:
 * each process's clocks strictly increase; a send ticks its process's clock by one; a receive's
 * clock is max(the process's previous clock, the matching send's) + 1; every send is received once
 * and nothing is received that was not sent; every write is propagated to every other branch
 * exactly once; and a branch's operations, replayed in clock order from its initial balance, give
 * its decisions (a withdrawal is propagated exactly when the replayed balance covered it).
 */
public final class LogCheck {
  private LogCheck() {}

  /** One broken rule, at one event of one process ({@code index} into its log). */
  public record Violation(ProcessLog process, int index, String message) implements Finding {
    @Override
    public String describe() {
      return process.process() + (index < 0 ? "" : ", event " + index) + ": " + message;
    }
  }

  /** The findings: every event, and the ones that broke a rule. */
  public record Result(List<ProcessLog> processes, List<Violation> violations) {
    public int events() {
      return processes.stream().mapToInt(p -> p.events().size()).sum();
    }

    /** As a grade: one record per process, worth its events, with its findings. */
    // A process is its log object: two customer entries with the same id are two processes.
    @SuppressWarnings("ReferenceEquality")
    public Grade grade() {
      List<Grade.RecordGrade> records = new ArrayList<>();
      for (ProcessLog process : processes) {
        List<Violation> found = violations.stream().filter(v -> v.process() == process).toList();
        long wrong =
            found.stream().filter(v -> v.index() >= 0).map(Violation::index).distinct().count();
        int total = process.events().size();
        records.add(
            new Grade.RecordGrade(
                process.process().toString(), (int) Math.max(0, total - wrong), total, found));
      }
      return new Grade(null, "events", records, List.of());
    }
  }

  /** What a send was, for the receive to be matched with it. */
  private record Sent(ProcessLog process, int index, long clock) {}

  public static Result check(BankInput input, LogReader.Read read) {
    EventLogs logs = read.logs();
    List<Violation> violations = new ArrayList<>();
    Map<Long, EventSpec> requests = new HashMap<>();
    Map<Long, Participant> askedBy = new HashMap<>();
    input
        .customers()
        .forEach(
            c ->
                c.events()
                    .forEach(
                        e -> {
                          requests.putIfAbsent(e.request(), e);
                          askedBy.putIfAbsent(e.request(), Participant.customer(c.id()));
                        }));
    Map<String, Deque<Sent>> unreceived = new LinkedHashMap<>();

    // Customers: one send per request of the input, in order, each ticking the clock by one.
    for (int entry = 0; entry < input.customers().size(); entry++) {
      CustomerSpec spec = input.customers().get(entry);
      ProcessLog log = logs.customers().get(entry);
      if (!read.customers()) {
        log = inferred(spec, log);
      }
      List<LogEvent> events = log.events();
      for (int k = 0; k < Math.max(events.size(), spec.events().size()); k++) {
        if (k >= events.size()) {
          violations.add(
              new Violation(
                  log,
                  -1,
                  "request "
                      + spec.events().get(k).request()
                      + " ("
                      + spec.events().get(k).operation().wireName()
                      + ") was never sent"));
          continue;
        }
        LogEvent event = events.get(k);
        if (k >= spec.events().size() || spec.events().get(k).request() != event.request()) {
          violations.add(
              new Violation(
                  log,
                  k,
                  "sent request "
                      + event.request()
                      + (k < spec.events().size()
                          ? ", expected request " + spec.events().get(k).request()
                          : ", which the customer does not make")));
          continue;
        }
        EventSpec asked = spec.events().get(k);
        long previous = k == 0 ? 0 : events.get(k - 1).clock();
        if (!event.operation().equals(asked.operation().wireName())) {
          violations.add(
              new Violation(
                  log,
                  k,
                  "interface " + event.operation() + ", expected " + asked.operation().wireName()));
        }
        checkSendTicks(log, k, previous, violations);
        unreceived
            .computeIfAbsent(
                key(
                    log.process(),
                    Participant.branch(asked.branch()),
                    event.request(),
                    event.operation()),
                x -> new ArrayDeque<>())
            .add(new Sent(log, k, event.clock()));
      }
    }

    // Branches: sends first, so that every receive can be matched, whichever branch sent it.
    Map<Integer, Long> initial = new HashMap<>();
    input.branches().forEach(b -> initial.put(b.id(), b.balance()));
    for (ProcessLog log : logs.branches()) {
      List<LogEvent> events = log.events();
      for (int k = 0; k < events.size(); k++) {
        LogEvent event = events.get(k);
        if (event.direction() == Direction.SENT) {
          unreceived
              .computeIfAbsent(
                  key(log.process(), event.peer(), event.request(), event.operation()),
                  x -> new ArrayDeque<>())
              .add(new Sent(log, k, event.clock()));
        }
      }
    }
    for (ProcessLog log : logs.branches()) {
      List<LogEvent> events = log.events();
      long balance = initial.get(log.process().id());
      Set<Long> propagatedHere = new HashSet<>();
      for (int k = 0; k < events.size(); k++) {
        LogEvent event = events.get(k);
        long previous = k == 0 ? 0 : events.get(k - 1).clock();
        if (event.clock() <= previous) {
          violations.add(
              new Violation(
                  log,
                  k,
                  "clock " + event.clock() + " does not increase (previous " + previous + ")"));
        }
        EventSpec asked = requests.get(event.request());
        if (asked == null) {
          violations.add(
              new Violation(log, k, "request " + event.request() + " is not in the input"));
          continue;
        }
        if (event.direction() == Direction.SENT) {
          checkSendTicks(log, k, previous, violations);
          continue;
        }
        Deque<Sent> sends =
            unreceived.get(key(event.peer(), log.process(), event.request(), event.operation()));
        Sent sent = sends == null ? null : sends.poll();
        if (sent == null) {
          violations.add(
              new Violation(
                  log,
                  k,
                  "received "
                      + event.operation()
                      + " of request "
                      + event.request()
                      + " from "
                      + event.peer()
                      + ", which was not sent to it"
                      + " (or was received already)"));
        } else {
          long expected = Math.max(previous, sent.clock()) + 1;
          if (event.clock() != expected) {
            violations.add(
                new Violation(
                    log,
                    k,
                    "a receive has clock "
                        + event.clock()
                        + "; expected max(previous "
                        + previous
                        + ", sent "
                        + sent.clock()
                        + ") + 1 = "
                        + expected));
          }
        }
        // Replay: the branch's decisions must follow from its operations in clock order.
        switch (event.operation()) {
          case "deposit" -> {
            balance += asked.money();
            propagatedHere.add(event.request());
          }
          case "propagate_deposit" -> balance += asked.money();
          case "propagate_withdraw" -> balance -= asked.money();
          case "withdraw" -> {
            boolean covered = balance >= asked.money();
            boolean propagated = propagatesFrom(events, event.request(), "propagate_withdraw");
            if (covered) {
              balance -= asked.money();
              propagatedHere.add(event.request());
            }
            if (covered != propagated && input.branches().size() > 1) {
              violations.add(
                  new Violation(
                      log,
                      k,
                      "withdrawal of "
                          + asked.money()
                          + " at replayed balance "
                          + (covered ? balance + asked.money() : balance)
                          + (covered
                              ? " succeeded but was not propagated"
                              : " failed but was propagated")));
            }
          }
          default -> {}
        }
      }
      // Every write applied here for a customer reaches every other branch exactly once.
      for (long request : propagatedHere) {
        EventSpec asked = requests.get(request);
        for (BranchSpec other : input.branches()) {
          if (other.id() == log.process().id()) {
            continue;
          }
          long count =
              events.stream()
                  .filter(
                      e ->
                          e.direction() == Direction.SENT
                              && e.request() == request
                              && e.peer().equals(Participant.branch(other.id()))
                              && e.operation().equals("propagate_" + asked.operation().wireName()))
                  .count();
          if (count != 1) {
            violations.add(
                new Violation(
                    log,
                    -1,
                    "request "
                        + request
                        + " ("
                        + asked.operation().wireName()
                        + ") was sent to branch "
                        + other.id()
                        + " "
                        + count
                        + " times; expected once"));
          }
        }
      }
    }
    unreceived
        .values()
        .forEach(
            sends ->
                sends.forEach(
                    sent ->
                        violations.add(
                            new Violation(
                                sent.process(), sent.index(), "this send was never received"))));
    List<ProcessLog> processes = new ArrayList<>(logs.customers());
    processes.addAll(logs.branches());
    return new Result(processes, violations);
  }

  /** A send ticks its process's clock by exactly one. */
  private static void checkSendTicks(
      ProcessLog log, int k, long previous, List<Violation> violations) {
    long clock = log.events().get(k).clock();
    if (clock != previous + 1) {
      violations.add(
          new Violation(
              log,
              k,
              "a send has clock "
                  + clock
                  + "; expected previous "
                  + previous
                  + " + 1 = "
                  + (previous + 1)));
    }
  }

  private static boolean propagatesFrom(List<LogEvent> events, long request, String operation) {
    return events.stream()
        .anyMatch(
            e ->
                e.direction() == Direction.SENT
                    && e.request() == request
                    && e.operation().equals(operation));
  }

  /** A customer's log where only the branch file was given: what the rules say it must be. */
  private static ProcessLog inferred(CustomerSpec spec, ProcessLog log) {
    List<LogEvent> events = new ArrayList<>();
    for (int k = 0; k < spec.events().size(); k++) {
      EventSpec event = spec.events().get(k);
      events.add(
          new LogEvent(
              log.process(),
              -1,
              event.request(),
              k + 1L,
              event.operation().wireName(),
              Direction.SENT,
              Participant.branch(event.branch())));
    }
    return new ProcessLog(log.process(), events);
  }

  private static String key(Participant from, Participant to, long request, String operation) {
    String kind = operation.startsWith("propagate_") ? operation : "customer:" + operation;
    return from + ">" + to + "#" + request + "#" + kind;
  }
}
