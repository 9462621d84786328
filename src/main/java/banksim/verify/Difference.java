package banksim.verify;

import banksim.output.OutputJson;
import com.google.gson.JsonElement;

/**
 * Where an output first differs from the reference.
 *
 * @param position the customer's place in the output array (0-based)
 * @param customerId the expected customer's id (or the actual one, where none was expected)
 * @param event the event's index in "recv", or null where the customers themselves differ
 * @param expected what the reference has there (null: nothing)
 * @param actual what the output has there (null: nothing)
 */
public record Difference(int position, JsonElement customerId, Integer event, JsonElement expected,
    JsonElement actual) {

  /** One line: "customer 3, event 1: expected {...}, got {...}". */
  public String describe() {
    String where = event == null
        ? "entry " + position + " (customer " + customerId + ")"
        : "customer " + customerId + ", event " + event;
    return where + ": expected " + show(expected) + ", got " + show(actual);
  }

  private static String show(JsonElement value) {
    return value == null ? "nothing" : OutputJson.compact(value);
  }
}
