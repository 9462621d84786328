package banksim.verify;

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
    String path, JsonElement customerId, JsonElement expected, JsonElement actual)
    implements Finding {

  /** One line: "$[1].recv[1] (customer 2): expected {...}, got {...}". */
  @Override
  public String describe() {
    return path
        + (customerId == null ? "" : " (customer " + Shown.json(customerId) + ")")
        + ": expected "
        + Shown.json(expected)
        + ", got "
        + Shown.json(actual);
  }
}
