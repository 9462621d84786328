package banksim.verify;

import banksim.eventlog.EventLogs;
import banksim.eventlog.LogEvent;
import banksim.eventlog.LogEvent.Direction;
import banksim.eventlog.ProcessLog;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.trace.Participant;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Project 2 logs as any implementation writes them (SPEC section 7): the all-events list, or
 * the per-process files (customer_events.json, branch_events.json), in any key order, with the
 * course's own spelling "propogate_" as well as "propagate_". An event that cannot be read, or
 * names a process the input does not have, is a finding, not a reason to refuse the log.
 */
public final class LogReader {
  private static final Pattern CUSTOMER_COMMENT =
      Pattern.compile("event_sent from customer (\\d+)");
  private static final Pattern BRANCH_COMMENT =
      Pattern.compile("event_(sent to|recv from) (customer|branch) (\\d+)");

  private LogReader() {}

  /**
   * What was read.
   *
   * @param customers whether customers' events were given (else the checker infers them)
   * @param unreadable findings about events that could not be taken into the logs, first first
   */
  public record Read(EventLogs logs, boolean customers, List<String> unreadable) {}

  /** Whether these records are a Project 2 log: most of them look like its events. */
  public static boolean isLog(List<JsonElement> records) {
    long logLike =
        records.stream()
            .filter(
                r ->
                    r.isJsonObject()
                        && (r.getAsJsonObject().has("logical_clock")
                            || (r.getAsJsonObject().has("events")
                                && r.getAsJsonObject().has("type"))))
            .count();
    return logLike > 0 && logLike * 2 >= records.size();
  }

  /** Reads the records of one or more log files into one set of logs. */
  public static Read read(BankInput input, List<List<JsonElement>> files) {
    Reading reading = new Reading(input);
    boolean allEventsForm = false;
    for (List<JsonElement> records : files) {
      boolean allEvents =
          records.stream().noneMatch(r -> r.isJsonObject() && r.getAsJsonObject().has("events"));
      if (allEvents) {
        reading.checkOrder(records);
        allEventsForm = true;
      }
      for (int i = 0; i < records.size(); i++) {
        JsonElement element = records.get(i);
        JsonObject record = element.isJsonObject() ? element.getAsJsonObject() : null;
        if (record != null && record.has("events") && record.get("events").isJsonArray()) {
          var events = record.getAsJsonArray("events");
          for (int e = 0; e < events.size(); e++) {
            reading.add(record, events.get(e), "$[" + i + "].events[" + e + "]", false);
          }
        } else {
          reading.add(record, element, "$[" + i + "]", allEvents);
        }
      }
    }
    return reading.result(allEventsForm);
  }

  /** The state of one read. */
  private static final class Reading {
    private final BankInput input;
    private final Set<Integer> branchIds = new HashSet<>();
    private final Map<Integer, List<LogEvent>> customers = new LinkedHashMap<>();
    private final Map<Integer, List<LogEvent>> branches = new LinkedHashMap<>();
    private final Set<Integer> sortByClock = new HashSet<>();
    private final List<String> unreadable = new ArrayList<>();

    Reading(BankInput input) {
      this.input = input;
      input.branches().forEach(b -> branchIds.add(b.id()));
    }

    /** The all-events list is sorted by clock, customers first on a tie, then by id. */
    void checkOrder(List<JsonElement> records) {
      for (int i = 1; i < records.size(); i++) {
        long[] before = sortKey(records.get(i - 1));
        long[] at = sortKey(records.get(i));
        if (before != null && at != null && Arrays.compare(before, at) > 0) {
          unreadable.add(
              "$["
                  + i
                  + "]: the all-events list is out of order here (it goes by logical_clock,"
                  + " customers before branches, then by id)");
          return;
        }
      }
    }

    private static long[] sortKey(JsonElement record) {
      if (!record.isJsonObject()) {
        return null;
      }
      JsonObject o = record.getAsJsonObject();
      Long clock = number(o.get("logical_clock"));
      Long id = number(o.get("id"));
      String type = text(o.get("type"));
      return clock == null || id == null || type == null
          ? null
          : new long[] {clock, type.equals("customer") ? 0 : 1, id};
    }

    void add(JsonObject record, JsonElement element, String at, boolean fromAllEvents) {
      JsonObject event =
          element != null && element.isJsonObject() ? element.getAsJsonObject() : null;
      Long id = record == null ? null : number(record.get("id"));
      String type = record == null ? null : text(record.get("type"));
      Long request = event == null ? null : number(event.get("customer-request-id"));
      Long clock = event == null ? null : number(event.get("logical_clock"));
      String operation = event == null ? null : text(event.get("interface"));
      String comment = event == null ? null : text(event.get("comment"));
      if (id == null
          || type == null
          || request == null
          || clock == null
          || operation == null
          || comment == null
          || id < 1
          || id > Integer.MAX_VALUE
          || clock < 1) {
        unreadable.add(
            at
                + ": not a log event (it needs id, type, customer-request-id, logical_clock from"
                + " 1, interface and comment): "
                + Shown.json(element));
        return;
      }
      operation = operation.toLowerCase(Locale.ROOT).replace("propogate_", "propagate_");
      int pid = id.intValue();
      if (type.equals("customer")) {
        Matcher m = CUSTOMER_COMMENT.matcher(comment);
        if (!m.matches() || !m.group(1).equals(Long.toString(id))) {
          unreadable.add(
              at
                  + ": a customer's comment must be \"event_sent from customer "
                  + id
                  + "\", got "
                  + Shown.json(event.get("comment")));
          return;
        }
        int entry = entryOf(pid, request);
        if (entry < 0) {
          unreadable.add(
              at
                  + ": customer "
                  + id
                  + " sent request "
                  + request
                  + ", which no customer "
                  + id
                  + " of the input makes");
          return;
        }
        customers
            .computeIfAbsent(entry, e -> new ArrayList<>())
            .add(
                new LogEvent(
                    Participant.customer(pid),
                    entry,
                    request,
                    clock,
                    operation,
                    Direction.SENT,
                    null));
        if (fromAllEvents) {
          sortByClock.add(-entry - 1);
        }
      } else if (type.equals("branch")) {
        Matcher m = BRANCH_COMMENT.matcher(comment);
        Long peer = m.matches() ? parseId(m.group(3)) : null;
        if (peer == null) {
          unreadable.add(
              at
                  + ": a branch's comment must be \"event_sent to branch N\", \"event_recv"
                  + " from branch N\" or \"event_recv from customer N\", got "
                  + Shown.json(event.get("comment")));
          return;
        }
        if (!branchIds.contains(pid)) {
          unreadable.add(at + ": branch " + id + " is not in the input");
          return;
        }
        boolean sent = m.group(1).equals("sent to");
        Participant other =
            m.group(2).equals("customer")
                ? Participant.customer(peer.intValue())
                : Participant.branch(peer.intValue());
        if (sent && other.role() == Participant.Role.CUSTOMER) {
          unreadable.add(
              at + ": a branch sends only to branches, got " + Shown.json(event.get("comment")));
          return;
        }
        branches
            .computeIfAbsent(pid, b -> new ArrayList<>())
            .add(
                new LogEvent(
                    Participant.branch(pid),
                    -1,
                    request,
                    clock,
                    operation,
                    sent ? Direction.SENT : Direction.RECEIVED,
                    other));
        if (fromAllEvents) {
          sortByClock.add(pid);
        }
      } else {
        unreadable.add(
            at
                + ": type must be \"customer\" or \"branch\", got "
                + Shown.json(record.get("type")));
      }
    }

    /**
     * The entry of customer {@code id} that makes {@code request} and has not logged it yet (the
     * first that makes it, where all have); -1 if none does.
     */
    private int entryOf(int id, long request) {
      int first = -1;
      for (int entry = 0; entry < input.customers().size(); entry++) {
        CustomerSpec customer = input.customers().get(entry);
        long makes = customer.events().stream().filter(e -> e.request() == request).count();
        if (customer.id() != id || makes == 0) {
          continue;
        }
        long logged =
            customers.getOrDefault(entry, List.of()).stream()
                .filter(e -> e.request() == request)
                .count();
        if (logged < makes) {
          return entry;
        }
        first = first < 0 ? entry : first;
      }
      return first;
    }

    /**
     * @param allEventsForm an all-events list was given: it holds the customers' events too
     */
    Read result(boolean allEventsForm) {
      List<ProcessLog> customerLogs = new ArrayList<>();
      for (int entry = 0; entry < input.customers().size(); entry++) {
        List<LogEvent> events = new ArrayList<>(customers.getOrDefault(entry, List.of()));
        if (sortByClock.contains(-entry - 1)) {
          events.sort(Comparator.comparingLong(LogEvent::clock));
        }
        customerLogs.add(
            new ProcessLog(Participant.customer(input.customers().get(entry).id()), events));
      }
      List<ProcessLog> branchLogs = new ArrayList<>();
      input.branches().stream()
          .map(BranchSpec::id)
          .sorted()
          .forEach(
              id -> {
                List<LogEvent> events = new ArrayList<>(branches.getOrDefault(id, List.of()));
                if (sortByClock.contains(id)) {
                  events.sort(Comparator.comparingLong(LogEvent::clock));
                }
                branchLogs.add(new ProcessLog(Participant.branch(id), events));
              });
      return new Read(
          new EventLogs(customerLogs, branchLogs),
          allEventsForm || !customers.isEmpty(),
          unreadable);
    }
  }

  private static Long parseId(String digits) {
    try {
      long id = Long.parseLong(digits);
      return id >= 1 && id <= Integer.MAX_VALUE ? id : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long number(JsonElement value) {
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      return null;
    }
    try {
      return value.getAsBigDecimal().longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  private static String text(JsonElement value) {
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
        ? value.getAsString()
        : null;
  }
}
