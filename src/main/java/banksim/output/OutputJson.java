package banksim.output;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The output's bytes. Pretty: exactly Python's {@code json.dumps(value, indent=2)} plus a newline.
 * Compact: Python's default {@code json.dumps(value)}, with ", " and ": " separators.
 */
public final class OutputJson {
  private static final Gson PRETTY =
      new GsonBuilder().setFormattingStyle(FormattingStyle.PRETTY.withIndent("  "))
          .disableHtmlEscaping().create();
  private static final Gson COMPACT =
      new GsonBuilder().setFormattingStyle(FormattingStyle.COMPACT.withSpaceAfterSeparators(true))
          .disableHtmlEscaping().create();

  private OutputJson() {}

  public static String pretty(List<CustomerRecv> customers) {
    return PRETTY.toJson(toJsonArray(customers)) + "\n";
  }

  public static String compactLine(CustomerRecv customer) {
    return compact(toJson(customer));
  }

  /** Any JSON value on one line with Python's default separators. */
  public static String compact(JsonElement value) {
    return COMPACT.toJson(value);
  }

  /** The output as a JSON value: an array with one object per customer. */
  public static JsonArray toJsonArray(List<CustomerRecv> customers) {
    JsonArray array = new JsonArray(customers.size());
    customers.forEach(customer -> array.add(toJson(customer)));
    return array;
  }

  private static JsonObject toJson(CustomerRecv customer) {
    JsonObject object = new JsonObject();
    object.addProperty("id", customer.id());
    JsonArray recv = new JsonArray(customer.recv().size());
    for (RecvEntry entry : customer.recv()) {
      JsonObject json = new JsonObject();
      json.addProperty("interface", entry.interfaceName());
      if (entry.branch() != null) {
        json.addProperty("branch", entry.branch());
      }
      if (entry.result() != null) {
        json.addProperty("result", entry.result());
      }
      if (entry.balance() != null) {
        json.addProperty("balance", entry.balance());
      }
      recv.add(json);
    }
    object.add("recv", recv);
    return object;
  }
}
