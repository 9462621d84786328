package banksim.verify;

import banksim.input.BankInput;
import banksim.input.InvalidInputException;
import banksim.model.ReferenceBank;
import banksim.output.CustomerRecv;
import banksim.output.Layout;
import banksim.output.OutputJson;
import banksim.output.RecvEntry;
import banksim.verify.Grade.RecordGrade;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Grades an output (bank-sim's or a student's) against the reference model, as the course grades:
 * record i of the output against record i of the reference, in whichever layout the output is
 * written. An event is correct when its record has the reference's id and its entry the same
 * interface, the same result or balance (numbers by value: 410.0 is 410) and, where the entry names
 * a branch, the same branch. Other keys are ignored.
 */
public final class Grader {
  private Grader() {}

  /**
   * Grades the records in the layout that fits them best.
   *
   * @throws InvalidInputException where the input cannot be run (see ReferenceBank)
   */
  public static Grade grade(BankInput input, List<JsonElement> records)
      throws InvalidInputException {
    List<CustomerRecv> model = ReferenceBank.run(input);
    List<Grade> candidates =
        new ArrayList<>(
            List.of(events(model, Layout.CUSTOMER, records), events(model, Layout.EVENT, records)));
    boolean noQueries = model.stream().allMatch(c -> c.lastQuery().isEmpty());
    if (records.stream().anyMatch(Grader::looksLikeBalance) || (records.isEmpty() && noQueries)) {
      candidates.add(balances(model, records));
    }
    Layout preferred = Layout.defaultFor(input);
    // The layout that fits best: the largest share right, then the fewest differences, then the
    // input's own.
    return candidates.stream()
        .min(
            Comparator.comparingDouble((Grade g) -> -share(g))
                .thenComparingInt(g -> g.differences().size())
                .thenComparing(g -> g.layout() != preferred))
        .orElseThrow();
  }

  private static double share(Grade grade) {
    return grade.total() == 0 ? 1 : grade.correct() / (double) grade.total();
  }

  /** A record the reference has, in the customer or event layout. */
  private record Expected(int id, List<RecvEntry> entries) {}

  private static Grade events(List<CustomerRecv> model, Layout layout, List<JsonElement> records) {
    List<Expected> expected = new ArrayList<>();
    for (CustomerRecv customer : model) {
      if (layout == Layout.EVENT) {
        customer.recv().forEach(entry -> expected.add(new Expected(customer.id(), List.of(entry))));
      } else {
        expected.add(new Expected(customer.id(), customer.recv()));
      }
    }
    List<RecordGrade> grades = new ArrayList<>(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonElement actual = i < records.size() ? records.get(i) : null;
      grades.add(record(i, expected.get(i), actual, layout));
    }
    return new Grade(layout, "events", grades, extraRecords(records, expected.size()));
  }

  private static RecordGrade record(int i, Expected want, JsonElement got, Layout layout) {
    String at = "$[" + i + "]";
    JsonPrimitive id = new JsonPrimitive(want.id());
    String name = at + " customer " + want.id();
    int total = want.entries().size();
    JsonObject object = got != null && got.isJsonObject() ? got.getAsJsonObject() : null;
    if (object == null || !sameNumber(object.get("id"), want.id())) {
      JsonElement shown = object == null ? got : idOnly(object.get("id"));
      return new RecordGrade(name, 0, total, List.of(new Difference(at, id, idOnly(id), shown)));
    }
    JsonElement recv = object.get("recv");
    if (recv == null || !recv.isJsonArray()) {
      return new RecordGrade(
          name, 0, total, List.of(new Difference(at + ".recv", id, recvOf(want, layout), recv)));
    }
    JsonArray entries = recv.getAsJsonArray();
    int correct = 0;
    List<Difference> differences = new ArrayList<>();
    for (int e = 0; e < Math.max(total, entries.size()); e++) {
      RecvEntry wantEntry = e < total ? want.entries().get(e) : null;
      JsonElement gotEntry = e < entries.size() ? entries.get(e) : null;
      if (wantEntry != null && matches(gotEntry, wantEntry)) {
        correct++;
      } else {
        differences.add(
            new Difference(
                at + ".recv[" + e + "]",
                id,
                wantEntry == null ? null : shown(wantEntry, layout),
                gotEntry));
      }
    }
    return new RecordGrade(name, correct, total, differences);
  }

  private static boolean matches(JsonElement actual, RecvEntry want) {
    if (actual == null || !actual.isJsonObject()) {
      return false;
    }
    JsonObject entry = actual.getAsJsonObject();
    boolean answer =
        want.isQuery()
            ? sameNumber(entry.get("balance"), want.balance())
            : sameString(entry.get("result"), want.result());
    return answer
        && sameString(entry.get("interface"), want.interfaceName())
        && (!entry.has("branch") || sameNumber(entry.get("branch"), want.branch()));
  }

  /** The 2021 balance file: one {"id", "balance"} per customer that queried, its last query. */
  private static Grade balances(List<CustomerRecv> model, List<JsonElement> records) {
    List<CustomerRecv> queried = model.stream().filter(c -> c.lastQuery().isPresent()).toList();
    List<RecordGrade> grades = new ArrayList<>(queried.size());
    for (int i = 0; i < queried.size(); i++) {
      CustomerRecv customer = queried.get(i);
      String at = "$[" + i + "]";
      JsonObject want = new JsonObject();
      want.addProperty("id", customer.id());
      want.addProperty("balance", customer.lastQuery().orElseThrow().balance());
      JsonElement got = i < records.size() ? records.get(i) : null;
      JsonObject object = got != null && got.isJsonObject() ? got.getAsJsonObject() : null;
      boolean right =
          object != null
              && sameNumber(object.get("id"), customer.id())
              && sameNumber(object.get("balance"), customer.lastQuery().orElseThrow().balance());
      grades.add(
          new RecordGrade(
              at + " customer " + customer.id(),
              right ? 1 : 0,
              1,
              right ? List.of() : List.of(new Difference(at, want.get("id"), want, got))));
    }
    return new Grade(Layout.BALANCE, "balances", grades, extraRecords(records, queried.size()));
  }

  private static boolean looksLikeBalance(JsonElement record) {
    return record.isJsonObject()
        && record.getAsJsonObject().has("balance")
        && !record.getAsJsonObject().has("recv");
  }

  private static List<Difference> extraRecords(List<JsonElement> records, int expected) {
    List<Difference> extra = new ArrayList<>();
    for (int i = expected; i < records.size(); i++) {
      JsonElement record = records.get(i);
      JsonElement id = record.isJsonObject() ? record.getAsJsonObject().get("id") : null;
      extra.add(new Difference("$[" + i + "]", id, null, id == null ? record : idOnly(id)));
    }
    return extra;
  }

  private static JsonElement shown(RecvEntry entry, Layout layout) {
    return OutputJson.entry(entry, layout == Layout.EVENT || entry.routed());
  }

  private static JsonArray recvOf(Expected want, Layout layout) {
    JsonArray recv = new JsonArray();
    want.entries().forEach(entry -> recv.add(shown(entry, layout)));
    return recv;
  }

  /** A record shown by its id alone: {"id": 3}. */
  private static JsonObject idOnly(JsonElement id) {
    JsonObject object = new JsonObject();
    object.add("id", id);
    return object;
  }

  static boolean sameString(JsonElement value, String want) {
    return value != null
        && value.isJsonPrimitive()
        && value.getAsJsonPrimitive().isString()
        && value.getAsString().equals(want);
  }

  /** The same number by value, however written: 410, 410.0 and 4.1e2 are all 410. */
  static boolean sameNumber(JsonElement value, long want) {
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      return false;
    }
    try {
      return value.getAsBigDecimal().compareTo(BigDecimal.valueOf(want)) == 0;
    } catch (NumberFormatException e) {
      return false; // an exponent beyond what BigDecimal holds: no long anyway
    }
  }
}
