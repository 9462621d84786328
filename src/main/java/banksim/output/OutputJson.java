package banksim.output;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The output's bytes, in any {@link Layout}. Pretty: exactly Python's {@code json.dumps(value,
 * indent=2)} plus a newline. Compact: Python's default {@code json.dumps(value)}, with ", " and ":
 * " separators.
 */
public final class OutputJson {
  private static final Gson PRETTY =
      new GsonBuilder()
          .setFormattingStyle(FormattingStyle.PRETTY.withIndent("  "))
          .disableHtmlEscaping()
          .create();
  private static final Gson COMPACT =
      new GsonBuilder()
          .setFormattingStyle(FormattingStyle.COMPACT.withSpaceAfterSeparators(true))
          .disableHtmlEscaping()
          .create();

  private OutputJson() {}

  /** The output file's text. */
  public static String pretty(List<CustomerRecv> customers, Layout layout) {
    return PRETTY.toJson(records(customers, layout)) + "\n";
  }

  /** One compact line per record, as the exercise prints them. */
  public static String compactLines(List<CustomerRecv> customers, Layout layout) {
    StringBuilder lines = new StringBuilder();
    records(customers, layout).forEach(record -> lines.append(compact(record)).append('\n'));
    return lines.toString();
  }

  /** Any JSON value on one line with Python's default separators. */
  public static String compact(JsonElement value) {
    return COMPACT.toJson(value);
  }

  /** The output as a JSON value: an array of the layout's records. */
  public static JsonArray records(List<CustomerRecv> customers, Layout layout) {
    JsonArray records = new JsonArray();
    for (CustomerRecv customer : customers) {
      switch (layout) {
        case CUSTOMER -> records.add(record(customer.id(), customer.recv(), false));
        case EVENT ->
            customer
                .recv()
                .forEach(entry -> records.add(record(customer.id(), List.of(entry), true)));
        case BALANCE ->
            customer
                .lastQuery()
                .ifPresent(
                    query -> {
                      JsonObject record = new JsonObject();
                      record.addProperty("id", customer.id());
                      record.addProperty("balance", query.balance());
                      records.add(record);
                    });
      }
    }
    return records;
  }

  private static JsonObject record(int id, List<RecvEntry> entries, boolean withBranch) {
    JsonObject record = new JsonObject();
    record.addProperty("id", id);
    JsonArray recv = new JsonArray(entries.size());
    entries.forEach(entry -> recv.add(entry(entry, withBranch || entry.routed())));
    record.add("recv", recv);
    return record;
  }

  /** {"interface", then "branch" where asked, then "result" or "balance"}. */
  public static JsonObject entry(RecvEntry entry, boolean withBranch) {
    JsonObject json = new JsonObject();
    json.addProperty("interface", entry.interfaceName());
    if (withBranch) {
      json.addProperty("branch", entry.branch());
    }
    if (entry.result() != null) {
      json.addProperty("result", entry.result());
    }
    if (entry.balance() != null) {
      json.addProperty("balance", entry.balance());
    }
    return json;
  }
}
