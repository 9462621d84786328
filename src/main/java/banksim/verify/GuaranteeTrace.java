package banksim.verify;

import banksim.input.BankInput;
import banksim.input.CustomerSpec;
import banksim.input.EventSpec;
import banksim.input.InvalidInputException;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A bank-sim trace (JSON Lines, one message step a line) read for the guarantees: which event of
 * the input each customer message belongs to, when its customer sent it and heard back, where and
 * when a branch received it, and where and when every write was applied. Read leniently: unknown
 * fields, kinds of step and RPCs are skipped, so that a trace with more in it still reads.
 */
final class GuaranteeTrace {
  /** The steps this reader knows; any other "kind" is skipped. */
  enum Kind {
    SEND,
    RECV,
    REPLY
  }

  /**
   * One step of the trace.
   *
   * @param seq its position in time order (the trace's order, stably sorted by t_us)
   * @param line its line in the file, 1-based
   */
  record Step(
      int seq,
      int line,
      long tUs,
      Kind kind,
      Rpc rpc,
      Participant from,
      Participant to,
      String event,
      Long request,
      Long op,
      Long clock) {}

  /**
   * Where a write was applied at one branch: the receive that applied it.
   *
   * @param seq its position in the trace
   * @param clock the branch's Lamport clock there, or null
   */
  record Applied(int seq, int line, Long clock) {
    /**
     * Whether this was applied before {@code other} at the same branch: by clock where both have
     * one.
     */
    boolean before(Applied other) {
      return (clock != null && other.clock != null) ? clock < other.clock : seq < other.seq;
    }
  }

  /** What the trace shows of one event of the input. */
  static final class Run {
    final int entry;
    final int index;
    final EventSpec event;
    int sent = -1;
    int replied = -1;
    Step received;
    Long op;

    Run(int entry, int index, EventSpec event) {
      this.entry = entry;
      this.index = index;
      this.event = event;
    }

    /** The write's operation id, where the branch applied it (a failed withdrawal has none). */
    boolean applied() {
      return received != null && op != null;
    }
  }

  /** Per customer entry, per event. */
  final List<List<Run>> runs = new ArrayList<>();

  /** Per write (its origin branch and operation id), per branch: where it was applied. */
  final Map<Write, Map<Integer, Applied>> applied = new HashMap<>();

  /** Customer messages the input has no event for. */
  int unmatched;

  record Write(int origin, long op) {}

  private GuaranteeTrace() {}

  static GuaranteeTrace read(Path file, BankInput input) throws InvalidInputException {
    List<Step> steps = steps(file);
    GuaranteeTrace trace = new GuaranteeTrace();
    trace.follow(input, steps);
    return trace;
  }

  Applied appliedAt(Run write, int branch) {
    Map<Integer, Applied> at = applied.get(new Write(write.received.to().id(), write.op));
    return at == null ? null : at.get(branch);
  }

  private void follow(BankInput input, List<Step> steps) {
    Map<Integer, List<Integer>> entriesOf = new HashMap<>();
    List<CustomerSpec> customers = input.customers();
    int[] cursor = new int[customers.size()];
    for (int c = 0; c < customers.size(); c++) {
      entriesOf.computeIfAbsent(customers.get(c).id(), id -> new ArrayList<>()).add(c);
      List<Run> entry = new ArrayList<>();
      for (int e = 0; e < customers.get(c).events().size(); e++) {
        entry.add(new Run(c, e, customers.get(c).events().get(e)));
      }
      runs.add(entry);
    }
    // Per customer id and branch: sent, not yet received; received, not yet answered.
    Map<List<Integer>, Deque<Run>> unreceived = new HashMap<>();
    Map<List<Integer>, Deque<Run>> unanswered = new HashMap<>();
    for (Step step : steps) {
      boolean customerMessage = step.rpc() == Rpc.MSG_DELIVERY;
      switch (step.kind()) {
        case SEND -> {
          if (!customerMessage || step.from().role() != Participant.Role.CUSTOMER) {
            continue;
          }
          Run run = next(entriesOf.get(step.from().id()), cursor, step);
          if (run == null) {
            unmatched++;
            continue;
          }
          run.sent = step.seq();
          queue(unreceived, step.from(), step.to()).add(run);
        }
        case RECV -> {
          if (step.to().role() != Participant.Role.BRANCH) {
            continue;
          }
          int branch = step.to().id();
          if (customerMessage && step.from().role() == Participant.Role.CUSTOMER) {
            Run run = take(queue(unreceived, step.from(), step.to()), step.request());
            if (run == null) {
              continue; // a request received again (resent), or one the input does not have
            }
            run.received = step;
            if (step.op() != null && run.event.operation().isWrite()) {
              run.op = step.op();
              applied
                  .computeIfAbsent(new Write(branch, step.op()), w -> new HashMap<>())
                  .putIfAbsent(branch, new Applied(step.seq(), step.line(), step.clock()));
            }
            queue(unanswered, step.from(), step.to()).add(run);
          } else if (step.rpc().isPropagation()
              && step.from().role() == Participant.Role.BRANCH
              && step.op() != null
              && step.clock() != null) {
            // Applied here; a receive without a clock is a duplicate, not applied again.
            applied
                .computeIfAbsent(new Write(step.from().id(), step.op()), w -> new HashMap<>())
                .putIfAbsent(branch, new Applied(step.seq(), step.line(), step.clock()));
          }
        }
        case REPLY -> {
          if (!customerMessage || step.to().role() != Participant.Role.CUSTOMER) {
            continue;
          }
          Run run = take(queue(unanswered, step.to(), step.from()), step.request());
          if (run == null) {
            // An answer with no receive traced (the branch could not be reached).
            run = take(queue(unreceived, step.to(), step.from()), step.request());
          }
          if (run != null) {
            run.replied = step.seq();
          }
        }
      }
    }
  }

  /**
   * The event a customer's send is: the next event of the first entry with this id whose next event
   * goes to this branch with this request id and interface.
   */
  private Run next(List<Integer> entries, int[] cursor, Step send) {
    if (entries == null) {
      return null;
    }
    for (int c : entries) {
      List<Run> entry = runs.get(c);
      if (cursor[c] < entry.size()) {
        Run run = entry.get(cursor[c]);
        EventSpec event = run.event;
        if (event.branch() == send.to().id()
            && (send.event() == null || send.event().equals(event.operation().wireName()))
            && (send.request() == null || send.request() == event.request())) {
          cursor[c]++;
          return run;
        }
      }
    }
    return null;
  }

  private static Deque<Run> queue(
      Map<List<Integer>, Deque<Run>> queues, Participant customer, Participant branch) {
    return queues.computeIfAbsent(List.of(customer.id(), branch.id()), k -> new ArrayDeque<>());
  }

  /** The first run of the queue with this request id (any, where the step has none). */
  private static Run take(Deque<Run> queue, Long request) {
    for (Iterator<Run> i = queue.iterator(); i.hasNext(); ) {
      Run run = i.next();
      if (request == null || request == run.event.request()) {
        i.remove();
        return run;
      }
    }
    return null;
  }

  /** The steps of the file, in time order. */
  private static List<Step> steps(Path file) throws InvalidInputException {
    List<Step> steps = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Step step = step(line, number);
        if (step != null) {
          steps.add(step);
        }
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("no such file", e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read: " + e.getMessage(), e);
    }
    steps.sort(Comparator.comparingLong(Step::tUs));
    List<Step> ordered = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      ordered.add(
          new Step(
              i,
              s.line(),
              s.tUs(),
              s.kind(),
              s.rpc(),
              s.from(),
              s.to(),
              s.event(),
              s.request(),
              s.op(),
              s.clock()));
    }
    return ordered;
  }

  /** One line's step; null for a kind of step or an RPC this reader does not know. */
  private static Step step(String line, int number) throws InvalidInputException {
    try {
      JsonElement parsed = JsonParser.parseString(line);
      if (!parsed.isJsonObject()) {
        throw new IllegalArgumentException("not an object");
      }
      JsonObject object = parsed.getAsJsonObject();
      Kind kind = kind(string(object, "kind"));
      String rpcName = string(object, "rpc");
      if (kind == null || rpcName == null) {
        return null;
      }
      Rpc rpc;
      try {
        rpc = Rpc.fromWireName(rpcName);
      } catch (IllegalArgumentException e) {
        return null;
      }
      String from = string(object, "from");
      String to = string(object, "to");
      if (from == null || to == null) {
        throw new IllegalArgumentException("no from or to");
      }
      Long tUs = number(object, "t_us");
      return new Step(
          0,
          number,
          tUs == null ? 0 : tUs,
          kind,
          rpc,
          Participant.parse(from),
          Participant.parse(to),
          string(object, "event"),
          number(object, "request"),
          number(object, "op"),
          number(object, "clock"));
    } catch (JsonParseException
        | IllegalArgumentException
        | IllegalStateException
        | UnsupportedOperationException e) {
      throw new InvalidInputException(
          "line "
              + number
              + ": not a trace record: "
              + (line.length() <= 60 ? line : line.substring(0, 57) + "..."),
          e);
    }
  }

  private static Kind kind(String name) {
    if (name == null) {
      return null;
    }
    return switch (name) {
      case "send" -> Kind.SEND;
      case "recv" -> Kind.RECV;
      case "reply" -> Kind.REPLY;
      default -> null;
    };
  }

  private static String string(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  private static Long number(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || value.isJsonNull() ? null : value.getAsLong();
  }
}
