package banksim.verify;

import banksim.output.OutputJson;
import com.google.gson.JsonElement;

/** A JSON value as compact JSON, shortened so that a finding stays one readable line. */
final class Shown {
  private static final int MAX = 200;

  private Shown() {}

  static String json(JsonElement value) {
    if (value == null) {
      return "nothing";
    }
    String json = OutputJson.compact(value);
    return json.length() <= MAX ? json : json.substring(0, MAX - 3) + "...";
  }
}
