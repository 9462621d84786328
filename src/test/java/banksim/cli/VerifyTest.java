package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.Vectors;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyTest {
  @TempDir Path dir;

  static List<String> vectors() {
    return Vectors.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void acceptsEveryVectorsExpectedOutput(String name) {
    CliRun run = CliRun.of("verify", Vectors.input(name).toString(),
        Vectors.expected(name).toString());

    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("ok: "), run.out());
  }

  /** course-p1's expected output, changed by {@code tamper}, then verified. */
  private CliRun verifyTampered(Consumer<JsonArray> tamper) throws Exception {
    JsonArray output = JsonParser.parseString(Files.readString(Vectors.expected("course-p1")))
        .getAsJsonArray();
    tamper.accept(output);
    Path file = Files.writeString(dir.resolve("tampered.json"), output.toString());
    return CliRun.of("verify", Vectors.input("course-p1").toString(), file.toString());
  }

  private static JsonObject entry(JsonArray output, int customer, int event) {
    return output.get(customer).getAsJsonObject().getAsJsonArray("recv").get(event)
        .getAsJsonObject();
  }

  @Test
  void aWrongBalanceIsNamed() throws Exception {
    CliRun run = verifyTampered(o -> entry(o, 1, 1).addProperty("balance", 569));

    assertEquals(3, run.exitCode());
    assertEquals("differs: customer 2, event 1: expected {\"interface\": \"query\", \"balance\":"
        + " 570}, got {\"interface\": \"query\", \"balance\": 569}\n", run.out());
  }

  @Test
  void aFlippedResultIsNamed() throws Exception {
    CliRun run = verifyTampered(o -> entry(o, 2, 0).addProperty("result", "fail"));

    assertEquals(3, run.exitCode());
    assertEquals("differs: customer 3, event 0: expected {\"interface\": \"withdraw\", \"result\":"
        + " \"success\"}, got {\"interface\": \"withdraw\", \"result\": \"fail\"}\n", run.out());
  }

  @Test
  void aMissingEventIsNamed() throws Exception {
    CliRun run = verifyTampered(o -> o.get(1).getAsJsonObject().getAsJsonArray("recv").remove(1));

    assertEquals(3, run.exitCode());
    assertEquals("differs: customer 2, event 1: expected {\"interface\": \"query\", \"balance\":"
        + " 570}, got nothing\n", run.out());
  }

  @Test
  void anExtraCustomerIsNamed() throws Exception {
    CliRun run = verifyTampered(o -> o.add(JsonParser.parseString("{\"id\": 9, \"recv\": []}")));

    assertEquals(3, run.exitCode());
    assertEquals("differs: entry 3 (customer 9): expected nothing, got {\"id\": 9}\n", run.out());
  }

  @Test
  void reorderedCustomersAreNamed() throws Exception {
    CliRun run = verifyTampered(o -> o.set(0, o.set(1, o.get(0))));

    assertEquals(3, run.exitCode());
    assertEquals("differs: entry 0 (customer 1): expected {\"id\": 1}, got {\"id\": 2}\n",
        run.out());
  }

  @Test
  void jsonVerdictNamesTheDifference() throws Exception {
    JsonArray output = JsonParser.parseString(Files.readString(Vectors.expected("course-p1")))
        .getAsJsonArray();
    entry(output, 1, 1).addProperty("balance", 1);
    Path file = Files.writeString(dir.resolve("t.json"), output.toString());

    CliRun run = CliRun.of("verify", "--json", Vectors.input("course-p1").toString(), file.toString());

    assertEquals(3, run.exitCode());
    JsonObject verdict = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals(false, verdict.get("ok").getAsBoolean());
    JsonObject difference = verdict.getAsJsonObject("difference");
    assertEquals(2, difference.get("customer").getAsInt());
    assertEquals(1, difference.get("event").getAsInt());
    assertEquals(570, difference.getAsJsonObject("expected").get("balance").getAsInt());
  }

  @Test
  void formattingAndKeyOrderDoNotMatter() throws Exception {
    Path file = Files.writeString(dir.resolve("compact.json"), "[{\"recv\": [{\"balance\": 400,"
        + " \"interface\": \"query\"}], \"id\": 1}, {\"id\": 2, \"recv\": [{\"result\": \"success\","
        + " \"interface\": \"deposit\"}, {\"interface\": \"query\", \"balance\": 570}]}, {\"id\": 3,"
        + " \"recv\": [{\"interface\": \"withdraw\", \"result\": \"success\"}, {\"interface\":"
        + " \"query\", \"balance\": 500}]}]");

    CliRun run = CliRun.of("verify", Vectors.input("course-p1").toString(), file.toString());

    assertEquals("ok: 3 customers, 5 events\n", run.out());
    assertEquals(0, run.exitCode());
  }

  @Test
  void anUnreadableOutputIsExitTwo() throws Exception {
    Path notArray = Files.writeString(dir.resolve("o.json"), "{\"id\": 1}");
    Path noRecv = Files.writeString(dir.resolve("p.json"), "[{\"id\": 1}]");

    CliRun first = CliRun.of("verify", Vectors.input("course-p1").toString(), notArray.toString());
    CliRun second = CliRun.of("verify", Vectors.input("course-p1").toString(), noRecv.toString());
    CliRun missing = CliRun.of("verify", Vectors.input("course-p1").toString(),
        dir.resolve("none.json").toString());

    assertEquals(2, first.exitCode());
    assertEquals(List.of("bank-sim: error: " + notArray + ": $: must be a JSON array of customers"),
        first.errLines());
    assertEquals(2, second.exitCode());
    assertTrue(second.err().contains("$[0]: must be an object with \"id\" and \"recv\""),
        second.err());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }
}
