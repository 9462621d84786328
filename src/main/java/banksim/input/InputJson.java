package banksim.input;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Writes a bank input as JSON that {@link InputParser} reads back: one entry per line. */
public final class InputJson {
  private static final Gson ONE_LINE =
      new GsonBuilder()
          .setFormattingStyle(FormattingStyle.COMPACT.withSpaceAfterSeparators(true))
          .disableHtmlEscaping()
          .create();

  private InputJson() {}

  public static String write(BankInput input) {
    StringBuilder json = new StringBuilder("[\n");
    for (BranchSpec branch : input.branches()) {
      JsonObject entry = new JsonObject();
      entry.addProperty("id", branch.id());
      entry.addProperty("type", "branch");
      entry.addProperty("balance", branch.balance());
      json.append("  ").append(ONE_LINE.toJson(entry)).append(",\n");
    }
    for (CustomerSpec customer : input.customers()) {
      JsonObject entry = new JsonObject();
      entry.addProperty("id", customer.id());
      entry.addProperty("type", "customer");
      JsonArray events = new JsonArray(customer.events().size());
      for (EventSpec event : customer.events()) {
        JsonObject item = new JsonObject();
        item.addProperty("interface", event.operation().wireName());
        if (event.operation().isWrite()) {
          item.addProperty("money", event.money());
        }
        if (event.routed()) {
          item.addProperty("branch", event.branch());
        }
        events.add(item);
      }
      entry.add("events", events);
      json.append("  ").append(ONE_LINE.toJson(entry)).append(",\n");
    }
    json.setLength(json.length() - 2); // the last ",\n"
    return json.append("\n]\n").toString();
  }
}
