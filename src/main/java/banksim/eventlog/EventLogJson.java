package banksim.eventlog;

import banksim.trace.Participant;
import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * The bytes of the three Project 2 files (SPEC section 7), each as Python's {@code
 * json.dumps(value, indent=2)} plus a newline: {@code customer_events.json}, {@code
 * branch_events.json} and the all-events list.
 */
public final class EventLogJson {
  public static final String CUSTOMER_EVENTS = "customer_events.json";
  public static final String BRANCH_EVENTS = "branch_events.json";

  private static final Gson PRETTY =
      new GsonBuilder()
          .setFormattingStyle(FormattingStyle.PRETTY.withIndent("  "))
          .disableHtmlEscaping()
          .create();

  private EventLogJson() {}

  /** One record per customer entry, in input order, each with its events. */
  public static String customerEvents(EventLogs logs) {
    JsonArray records = new JsonArray();
    logs.customers().forEach(log -> records.add(process(log)));
    return PRETTY.toJson(records) + "\n";
  }

  /** One record per branch, by id, each with its events in clock order. */
  public static String branchEvents(EventLogs logs) {
    JsonArray records = new JsonArray();
    logs.branches().forEach(log -> records.add(process(log)));
    return PRETTY.toJson(records) + "\n";
  }

  /** Every event, by clock. */
  public static String allEvents(EventLogs logs) {
    JsonArray events = new JsonArray();
    for (LogEvent event : logs.all()) {
      JsonObject json = new JsonObject();
      json.addProperty("id", event.process().id());
      json.addProperty("customer-request-id", event.request());
      json.addProperty("type", type(event.process()));
      json.addProperty("logical_clock", event.clock());
      json.addProperty("interface", event.operation());
      json.addProperty("comment", event.comment());
      events.add(json);
    }
    return PRETTY.toJson(events) + "\n";
  }

  private static JsonObject process(ProcessLog log) {
    JsonObject record = new JsonObject();
    record.addProperty("id", log.process().id());
    record.addProperty("type", type(log.process()));
    JsonArray list = new JsonArray();
    for (LogEvent event : log.events()) {
      JsonObject json = new JsonObject();
      json.addProperty("customer-request-id", event.request());
      json.addProperty("logical_clock", event.clock());
      json.addProperty("interface", event.operation());
      json.addProperty("comment", event.comment());
      list.add(json);
    }
    record.add("events", list);
    return record;
  }

  private static String type(Participant process) {
    return process.role().name().toLowerCase(Locale.ROOT);
  }
}
