package banksim.verify;

import banksim.input.BankInput;
import banksim.model.ReferenceBank;
import banksim.output.Layout;
import banksim.output.OutputJson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * Compares an output (bank-sim's or anyone's) with what the reference model says the input must
 * produce. The comparison is of JSON values, not bytes: any formatting and key order passes.
 */
public final class OutputCheck {
  private OutputCheck() {}

  /** The first difference, customer by customer and event by event; empty if there is none. */
  public static Optional<Difference> firstDifference(BankInput input, JsonArray actual) {
    JsonArray expected = OutputJson.records(ReferenceBank.run(input), Layout.defaultFor(input));
    for (int c = 0; c < Math.max(expected.size(), actual.size()); c++) {
      JsonElement want = c < expected.size() ? expected.get(c) : null;
      JsonElement got = c < actual.size() ? actual.get(c) : null;
      if (want == null || got == null || !idOf(want).equals(idOf(got))) {
        return Optional.of(new Difference(c, idOf(want != null ? want : got), null,
            want == null ? null : summary(want), got == null ? null : summary(got)));
      }
      JsonArray wantRecv = want.getAsJsonObject().getAsJsonArray("recv");
      JsonArray gotRecv = got.getAsJsonObject().getAsJsonArray("recv");
      for (int e = 0; e < Math.max(wantRecv.size(), gotRecv.size()); e++) {
        JsonElement wantEntry = e < wantRecv.size() ? wantRecv.get(e) : null;
        JsonElement gotEntry = e < gotRecv.size() ? gotRecv.get(e) : null;
        if (wantEntry == null || !wantEntry.equals(gotEntry)) {
          return Optional.of(new Difference(c, idOf(want), e, wantEntry, gotEntry));
        }
      }
    }
    return Optional.empty();
  }

  private static JsonElement idOf(JsonElement customer) {
    return customer.getAsJsonObject().get("id");
  }

  /** A customer shown without its events: {"id": 3}. */
  private static JsonElement summary(JsonElement customer) {
    JsonObject object = new JsonObject();
    object.add("id", idOf(customer));
    return object;
  }
}
