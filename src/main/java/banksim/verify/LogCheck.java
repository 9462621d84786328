package banksim.verify;

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
 * exactly once, and nothing else is; and a branch's operations, replayed in clock order from its
 * initial balance, give its decisions (a withdrawal is propagated exactly when the replayed balance
 * covered it; with one branch there is nothing to propagate and nothing to check).
 */
public final class LogCheck {
  private LogCheck() {}

  /**
   * One broken rule, at one event of one process ({@code index} into its log; -1 where an event is
   * missing), or about the log as a whole ({@code process} null).
   */
  public record Violation(ProcessLog process, int index, String message) implements Finding {
    @Override
    public String describe() {
      return (process == null
              ? ""
              : process.process() + (index < 0 ? "" : ", event " + index) + ": ")
          + message;
    }
  }

  /** The findings, with the processes as checked (a customer's inferred where none was given). */
  public record Result(List<ProcessLog> processes, List<Violation> violations) {
    /**
     * As a grade: one record per process, worth its events and any missing ones, with its findings;
     * findings about unreadable events first, each one event wrong.
     */
    // A process is its log object: two customer entries with the same id are two processes.
    @SuppressWarnings("ReferenceEquality")
    public Grade grade() {
      List<Grade.RecordGrade> records = new ArrayList<>();
      List<Violation> unreadable = violations.stream().filter(v -> v.process() == null).toList();
      if (!unreadable.isEmpty()) {
        records.add(new Grade.RecordGrade("unreadable events", 0, unreadable.size(), unreadable));
      }
      for (ProcessLog process : processes) {
        List<Violation> found = violations.stream().filter(v -> v.process() == process).toList();
        long wrongEvents =
            found.stream().filter(v -> v.index() >= 0).map(Violation::index).distinct().count();
        long missing = found.stream().filter(v -> v.index() < 0).count();
        int total = (int) (process.events().size() + missing);
        records.add(
            new Grade.RecordGrade(
                process.process().toString(),
                (int) Math.max(0, total - wrongEvents - missing),
                total,
                found));
      }
      return new Grade(null, "events", records, List.of());
    }
  }

  /** What a send was, for the receive to be matched with it. */
  private record Sent(ProcessLog process, int index, long clock) {}

  public static Result check(BankInput input, LogReader.Read read) {
    List<Violation> violations = new ArrayList<>();
    read.unreadable().forEach(line -> violations.add(new Violation(null, -1, line)));
    Map<String, EventSpec> byCustomer = new HashMap<>();
    Map<String, EventSpec> byOrigin = new HashMap<>();
    for (CustomerSpec customer : input.customers()) {
      for (EventSpec event : customer.events()) {
        byCustomer.putIfAbsent(customer.id() + "#" + event.request(), event);
        byOrigin.putIfAbsent(event.branch() + "#" + event.request(), event);
      }
    }
    List<ProcessLog> customers = new ArrayList<>();
    for (int entry = 0; entry < input.customers().size(); entry++) {
      ProcessLog log = read.logs().customers().get(entry);
      customers.add(read.customers() ? log : inferred(input.customers().get(entry), log));
    }
    Map<String, Deque<Sent>> unreceived = new LinkedHashMap<>();
    for (int entry = 0; entry < customers.size(); entry++) {
      checkCustomer(input.customers().get(entry), customers.get(entry), unreceived, violations);
    }
    List<ProcessLog> branches = read.logs().branches();
    for (ProcessLog log : branches) {
      for (int k = 0; k < log.events().size(); k++) {
        LogEvent event = log.events().get(k);
        if (event.direction() == Direction.SENT) {
          unreceived
              .computeIfAbsent(
                  key(log.process(), event.peer(), event.request(), event.operation()),
                  x -> new ArrayDeque<>())
              .add(new Sent(log, k, event.clock()));
        }
      }
    }
    Map<Integer, Long> initial = new HashMap<>();
    input.branches().forEach(b -> initial.put(b.id(), b.balance()));
    for (ProcessLog log : branches) {
      new BranchCheck(
              input,
              log,
              initial.get(log.process().id()),
              byCustomer,
              byOrigin,
              unreceived,
              violations)
          .run();
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
    List<ProcessLog> processes = new ArrayList<>(customers);
    processes.addAll(branches);
    return new Result(processes, violations);
  }

  /** One send per request of the input, in order, each ticking the customer's clock by one. */
  private static void checkCustomer(
      CustomerSpec spec,
      ProcessLog log,
      Map<String, Deque<Sent>> unreceived,
      List<Violation> violations) {
    List<LogEvent> events = log.events();
    for (int k = 0; k < Math.max(events.size(), spec.events().size()); k++) {
      if (k >= events.size()) {
        EventSpec missing = spec.events().get(k);
        violations.add(
            new Violation(
                log,
                -1,
                "request "
                    + missing.request()
                    + " ("
                    + missing.operation().wireName()
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
      if (!event.operation().equals(asked.operation().wireName())) {
        violations.add(
            new Violation(
                log,
                k,
                "interface " + event.operation() + ", expected " + asked.operation().wireName()));
      }
      checkSendTicks(log, k, k == 0 ? 0 : events.get(k - 1).clock(), violations);
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

  /** The rules of one branch's log. */
  private static final class BranchCheck {
    private final BankInput input;
    private final ProcessLog log;
    private final Map<String, EventSpec> byCustomer;
    private final Map<String, EventSpec> byOrigin;
    private final Map<String, Deque<Sent>> unreceived;
    private final List<Violation> violations;
    private final Set<Long> writesHere = new HashSet<>();
    private long balance;

    BranchCheck(
        BankInput input,
        ProcessLog log,
        long initial,
        Map<String, EventSpec> byCustomer,
        Map<String, EventSpec> byOrigin,
        Map<String, Deque<Sent>> unreceived,
        List<Violation> violations) {
      this.input = input;
      this.log = log;
      this.balance = initial;
      this.byCustomer = byCustomer;
      this.byOrigin = byOrigin;
      this.unreceived = unreceived;
      this.violations = violations;
    }

    void run() {
      List<LogEvent> events = log.events();
      int self = log.process().id();
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
        boolean fromCustomer = event.peer().role() == Participant.Role.CUSTOMER;
        EventSpec asked =
            fromCustomer
                ? byCustomer.get(event.peer().id() + "#" + event.request())
                : byOrigin.get(
                    (event.direction() == Direction.SENT ? self : event.peer().id())
                        + "#"
                        + event.request());
        if (event.direction() == Direction.RECEIVED) {
          checkReceive(k, event, previous);
        }
        if (asked == null) {
          if (event.direction() == Direction.SENT) {
            violations.add(
                new Violation(
                    log,
                    k,
                    "propagated request "
                        + event.request()
                        + ", which this branch did not apply for a customer before"));
          }
          continue;
        }
        if (event.direction() == Direction.SENT) {
          checkPropagation(k, event, asked, previous);
          continue;
        }
        String expectedOperation =
            fromCustomer
                ? asked.operation().wireName()
                : "propagate_" + asked.operation().wireName();
        if (!event.operation().equals(expectedOperation)) {
          violations.add(
              new Violation(
                  log, k, "interface " + event.operation() + ", expected " + expectedOperation));
        }
        replay(k, event, asked);
      }
      // Every write applied here for a customer reaches every other branch exactly once.
      for (long request : writesHere) {
        EventSpec asked = byOrigin.get(self + "#" + request);
        for (BranchSpec other : input.branches()) {
          if (other.id() == self) {
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
                    count == 0 ? -1 : indexOfSend(request, other.id()),
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

    /** A propagation: of a write applied here for a customer, to another branch, ticking once. */
    private void checkPropagation(int k, LogEvent event, EventSpec asked, long previous) {
      checkSendTicks(log, k, previous, violations);
      String expected = "propagate_" + asked.operation().wireName();
      if (!event.operation().equals(expected) || !asked.operation().isWrite()) {
        violations.add(
            new Violation(
                log,
                k,
                "sent "
                    + event.operation()
                    + " for request "
                    + event.request()
                    + " ("
                    + asked.operation().wireName()
                    + "); only writes are"
                    + " propagated, as "
                    + expected));
      } else if (!writesHere.contains(event.request())) {
        violations.add(
            new Violation(
                log,
                k,
                "propagated request "
                    + event.request()
                    + ", which this branch did not apply for a customer before"));
      }
      if (event.peer().id() == log.process().id()
          || input.branches().stream().noneMatch(b -> b.id() == event.peer().id())) {
        violations.add(
            new Violation(
                log, k, "sent to " + event.peer() + ", which is not another branch of the input"));
      }
    }

    private void checkReceive(int k, LogEvent event, long previous) {
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
        return;
      }
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

    /** The branch's decisions must follow from its operations in clock order. */
    private void replay(int k, LogEvent event, EventSpec asked) {
      switch (event.operation()) {
        case "deposit" -> {
          balance += asked.money();
          writesHere.add(event.request());
        }
        case "propagate_deposit" -> balance += asked.money();
        case "propagate_withdraw" -> balance -= asked.money();
        case "withdraw" -> {
          boolean covered = balance >= asked.money();
          boolean propagated =
              log.events().stream()
                  .anyMatch(
                      e ->
                          e.direction() == Direction.SENT
                              && e.request() == event.request()
                              && e.operation().equals("propagate_withdraw"));
          if (covered) {
            balance -= asked.money();
            writesHere.add(event.request());
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

    private int indexOfSend(long request, int to) {
      for (int i = 0; i < log.events().size(); i++) {
        LogEvent e = log.events().get(i);
        if (e.direction() == Direction.SENT
            && e.request() == request
            && e.peer().equals(Participant.branch(to))) {
          return i;
        }
      }
      return -1;
    }
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
