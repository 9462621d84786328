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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Project 2 logs as any implementation writes them (SPEC section 7): the all-events list, or
 * the per-process files (customer_events.json, branch_events.json), in any order and key order,
 * with the course's own spelling "propogate_" as well as "propagate_". An event that cannot be read
 * is a finding, not a reason to refuse the log.
 */
public final class LogReader {
  private static final Pattern COMMENT =
      Pattern.compile("event_(sent|recv) (from|to) (customer|branch) (\\d+)");

  private LogReader() {}

  /** What was read: the logs, and the events that could not be read. */
  public record Read(
      EventLogs logs, boolean customers, boolean branches, List<String> unreadable) {}

  /** Whether these records are a Project 2 log rather than an output of answers. */
  public static boolean isLog(List<JsonElement> records) {
    return !records.isEmpty()
        && records.stream()
            .allMatch(
                r ->
                    r.isJsonObject()
                        && r.getAsJsonObject().has("type")
                        && (r.getAsJsonObject().has("logical_clock")
                            || r.getAsJsonObject().has("events")));
  }

  /** Reads the records of one or more log files into one set of logs. */
  public static Read read(BankInput input, List<List<JsonElement>> files) {
    Map<Long, Integer> entryOfRequest = new HashMap<>();
    for (int entry = 0; entry < input.customers().size(); entry++) {
      for (var event : input.customers().get(entry).events()) {
        entryOfRequest.putIfAbsent(event.request(), entry);
      }
    }
    Map<Integer, List<LogEvent>> customers = new LinkedHashMap<>();
    Map<Integer, List<LogEvent>> branches = new LinkedHashMap<>();
    List<String> unreadable = new ArrayList<>();
    for (List<JsonElement> records : files) {
      for (int i = 0; i < records.size(); i++) {
        JsonObject record = records.get(i).getAsJsonObject();
        if (record.has("events") && record.get("events").isJsonArray()) {
          var events = record.getAsJsonArray("events");
          for (int e = 0; e < events.size(); e++) {
            add(
                record,
                events.get(e),
                "$[" + i + "].events[" + e + "]",
                entryOfRequest,
                customers,
                branches,
                unreadable);
          }
        } else {
          add(record, record, "$[" + i + "]", entryOfRequest, customers, branches, unreadable);
        }
      }
    }
    List<ProcessLog> customerLogs = new ArrayList<>();
    for (int entry = 0; entry < input.customers().size(); entry++) {
      CustomerSpec customer = input.customers().get(entry);
      customerLogs.add(
          new ProcessLog(
              Participant.customer(customer.id()), customers.getOrDefault(entry, List.of())));
    }
    List<ProcessLog> branchLogs = new ArrayList<>();
    input.branches().stream()
        .map(BranchSpec::id)
        .sorted()
        .forEach(
            id ->
                branchLogs.add(
                    new ProcessLog(Participant.branch(id), branches.getOrDefault(id, List.of()))));
    return new Read(
        new EventLogs(customerLogs, branchLogs),
        !customers.isEmpty(),
        !branches.isEmpty(),
        unreadable);
  }

  private static void add(
      JsonObject process,
      JsonElement element,
      String at,
      Map<Long, Integer> entryOfRequest,
      Map<Integer, List<LogEvent>> customers,
      Map<Integer, List<LogEvent>> branches,
      List<String> unreadable) {
    JsonObject event = element.isJsonObject() ? element.getAsJsonObject() : null;
    Long id = number(process.get("id"));
    String type = text(process.get("type"));
    Long request = event == null ? null : number(event.get("customer-request-id"));
    Long clock = event == null ? null : number(event.get("logical_clock"));
    String operation = event == null ? null : text(event.get("interface"));
    String comment = event == null ? null : text(event.get("comment"));
    Matcher m = comment == null ? null : COMMENT.matcher(comment);
    if (id == null
        || type == null
        || request == null
        || clock == null
        || operation == null
        || m == null
        || !m.matches()) {
      unreadable.add(
          at
              + ": not a log event (it needs id, type, customer-request-id, logical_clock,"
              + " interface and a comment such as \"event_recv from branch 2\"): "
              + Shown.json(element));
      return;
    }
    operation = operation.toLowerCase(Locale.ROOT).replace("propogate_", "propagate_");
    Direction direction = m.group(1).equals("sent") ? Direction.SENT : Direction.RECEIVED;
    Participant other =
        m.group(3).equals("customer")
            ? Participant.customer(Integer.parseInt(m.group(4)))
            : Participant.branch(Integer.parseInt(m.group(4)));
    if (type.equals("customer")) {
      Integer entry = entryOfRequest.get(request);
      if (entry == null) {
        unreadable.add(
            at
                + ": customer "
                + id
                + " sent request "
                + request
                + ", which the input does not have");
        return;
      }
      customers
          .computeIfAbsent(entry, e -> new ArrayList<>())
          .add(
              new LogEvent(
                  Participant.customer(id.intValue()),
                  entry,
                  request,
                  clock,
                  operation,
                  Direction.SENT,
                  null));
    } else if (type.equals("branch")) {
      branches
          .computeIfAbsent(id.intValue(), b -> new ArrayList<>())
          .add(
              new LogEvent(
                  Participant.branch(id.intValue()),
                  -1,
                  request,
                  clock,
                  operation,
                  direction,
                  other));
    } else {
      unreadable.add(at + ": type must be \"customer\" or \"branch\", got " + type);
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
