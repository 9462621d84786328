package banksim.verify;

import banksim.output.OutputJson;
import com.google.gson.JsonElement;

/**
 * One place where an output differs from the reference.
 *
 * @param path where, as a JSON location in the output: {@code $[3]} or {@code $[3].recv[1]}
 * @param customerId the id of the customer the reference has there (or the output, where the
 *     reference has nothing)
 * @param expected what the reference has there (null: nothing)
 * @param actual what the output has there (null: nothing)
 */
public record Difference(
    String path, JsonElement customerId, JsonElement expected, JsonElement actual) {
  private static final int MAX_SHOWN = 200;

  /** One line: "$[1].recv[1] (customer 2): expected {...}, got {...}". */
  public String describe() {
    return path
        + (customerId == null ? "" : " (customer " + show(customerId) + ")")
        + ": expected "
        + show(expected)
        + ", got "
        + show(actual);
  }

  /** The value as compact JSON, shortened so that a difference stays one readable line. */
  private static String show(JsonElement value) {
    if (value == null) {
      return "nothing";
    }
    String json = OutputJson.compact(value);
    return json.length() <= MAX_SHOWN ? json : json.substring(0, MAX_SHOWN - 3) + "...";
  }
}
