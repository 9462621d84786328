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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("unit")
class VerifyTest {
  @TempDir Path dir;

  static List<Vectors.Output> vectors() {
    return Vectors.outputs();
  }

  /** Every layout of every vector: a per-customer and a per-event output of one input both pass. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void acceptsEveryVectorsExpectedOutputInEveryLayout(Vectors.Output vector) {
    CliRun run = CliRun.of("verify", vector.input().toString(), vector.expected().toString());

    assertEquals(0, run.exitCode(), run.out() + run.err());
    String layout =
        vector
            .layout()
            .map(l -> l.optionName())
            .orElse(
                vector.name().contains("routed") || vector.name().equals("routed-p3")
                    ? "event"
                    : "customer");
    assertTrue(
        run.out().startsWith("ok: ") && run.out().endsWith(", " + layout + " layout\n"), run.out());
  }

  /** course-p1's expected output, changed by {@code tamper}, then verified. */
  private CliRun verifyTampered(Consumer<JsonArray> tamper) throws Exception {
    JsonArray output =
        JsonParser.parseString(Files.readString(Vectors.expected("course-p1"))).getAsJsonArray();
    tamper.accept(output);
    Path file = Files.writeString(dir.resolve("tampered.json"), output.toString());
    return CliRun.of("verify", Vectors.input("course-p1").toString(), file.toString());
  }

  private static JsonObject entry(JsonArray output, int customer, int event) {
    return output
        .get(customer)
        .getAsJsonObject()
        .getAsJsonArray("recv")
        .get(event)
        .getAsJsonObject();
  }

  @Test
  void aWrongBalanceIsNamed() throws Exception {
    CliRun run = verifyTampered(o -> entry(o, 1, 1).addProperty("balance", 569));

    assertEquals(3, run.exitCode());
    assertEquals(
        "differs: $[1].recv[1] (customer 2): expected {\"interface\": \"query\","
            + " \"balance\": 570}, got {\"interface\": \"query\", \"balance\": 569}\n",
        run.out());
  }

  @Test
  void aFlippedResultIsNamed() throws Exception {
    CliRun run = verifyTampered(o -> entry(o, 2, 0).addProperty("result", "fail"));

    assertEquals(3, run.exitCode());
    assertEquals(
        "differs: $[2].recv[0] (customer 3): expected {\"interface\": \"withdraw\","
            + " \"result\": \"success\"}, got {\"interface\": \"withdraw\", \"result\": \"fail\"}\n",
        run.out());
  }

  @Test
  void aMissingEventIsNamed() throws Exception {
    CliRun run = verifyTampered(o -> o.get(1).getAsJsonObject().getAsJsonArray("recv").remove(1));

    assertEquals(3, run.exitCode());
    assertEquals(
        "differs: $[1].recv[1] (customer 2): expected {\"interface\": \"query\","
            + " \"balance\": 570}, got nothing\n",
        run.out());
  }

  @Test
  void anExtraCustomerIsNamed() throws Exception {
    CliRun run = verifyTampered(o -> o.add(JsonParser.parseString("{\"id\": 9, \"recv\": []}")));

    assertEquals(3, run.exitCode());
    assertEquals("differs: $[3] (customer 9): expected nothing, got {\"id\": 9}\n", run.out());
  }

  @Test
  void reorderedCustomersAreNamed() throws Exception {
    CliRun run = verifyTampered(o -> o.set(0, o.set(1, o.get(0))));

    assertEquals(3, run.exitCode());
    assertEquals("differs: $[0] (customer 1): expected {\"id\": 1}, got {\"id\": 2}\n", run.out());
  }

  @Test
  void jsonVerdictNamesTheDifference() throws Exception {
    JsonArray output =
        JsonParser.parseString(Files.readString(Vectors.expected("course-p1"))).getAsJsonArray();
    entry(output, 1, 1).addProperty("balance", 1);
    Path file = Files.writeString(dir.resolve("t.json"), output.toString());

    CliRun run =
        CliRun.of("verify", "--json", Vectors.input("course-p1").toString(), file.toString());

    assertEquals(3, run.exitCode());
    JsonObject verdict = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals(false, verdict.get("ok").getAsBoolean());
    JsonObject difference = verdict.getAsJsonObject("difference");
    assertEquals(2, difference.get("customer").getAsInt());
    assertEquals("$[1].recv[1]", difference.get("path").getAsString());
    assertEquals(570, difference.getAsJsonObject("expected").get("balance").getAsInt());
    assertEquals(4, verdict.getAsJsonObject("score").get("correct").getAsInt());
    assertEquals(5, verdict.getAsJsonObject("score").get("total").getAsInt());
    assertEquals(1, verdict.getAsJsonArray("differences").size());
  }

  @Test
  void formattingAndKeyOrderDoNotMatter() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("compact.json"),
            "[{\"recv\": [{\"balance\": 400,"
                + " \"interface\": \"query\"}], \"id\": 1}, {\"id\": 2, \"recv\": [{\"result\": \"success\","
                + " \"interface\": \"deposit\"}, {\"interface\": \"query\", \"balance\": 570}]}, {\"id\": 3,"
                + " \"recv\": [{\"interface\": \"withdraw\", \"result\": \"success\"}, {\"interface\":"
                + " \"query\", \"balance\": 500}]}]");

    CliRun run = CliRun.of("verify", Vectors.input("course-p1").toString(), file.toString());

    assertEquals("ok: 3 customers, 5 events, customer layout\n", run.out());
    assertEquals(0, run.exitCode());
  }

  @Test
  void recordsThatAreNotRecordsAreGradedWrongNotRefused() throws Exception {
    Path noRecv = Files.writeString(dir.resolve("p.json"), "[{\"id\": 1}, 7]");

    CliRun run =
        CliRun.of("verify", "--score", Vectors.input("course-p1").toString(), noRecv.toString());

    assertEquals(3, run.exitCode());
    assertEquals(
        """
        differs: $[0].recv (customer 1): expected [{"interface": "query", "balance": 400}], got nothing
        score: 0/5 events correct
          $[0].recv (customer 1): expected [{"interface": "query", "balance": 400}], got nothing
          $[1] (customer 2): expected {"id": 2}, got 7
          $[2] (customer 3): expected {"id": 3}, got nothing
        """,
        run.out());
  }

  @Test
  void jsonLinesAndConcatenatedObjectsAreRecordsAndErrorsNameTheirLine() throws Exception {
    Path lines =
        Files.writeString(
            dir.resolve("l.json"),
            """
        {"id": 1, "recv": [{"interface": "query", "balance": 400.0}]}
        {
          "id": 2, "recv": [{"interface": "deposit", "result": "success"},
                            {"interface": "query", "balance": 570}]
        }
        {"id": 3, "recv": [{"interface": "withdraw", "result": "success"}, {"interface": "query", "balance": 5e2}]}
        """);
    Path broken =
        Files.writeString(
            dir.resolve("b.json"),
            """
        {"id": 1, "recv": []}
        {"id": 2, "recv": [}
        """);

    CliRun good = CliRun.of("verify", Vectors.input("course-p1").toString(), lines.toString());
    CliRun bad = CliRun.of("verify", Vectors.input("course-p1").toString(), broken.toString());

    assertEquals("ok: 3 customers, 5 events, customer layout\n", good.out());
    assertEquals(0, good.exitCode());
    assertEquals(2, bad.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: "
                + broken
                + ": invalid JSON at line 2 column 19:"
                + " expected value"),
        bad.errLines());
  }

  @Test
  void aBalanceFileIsGradedByItsBalances() throws Exception {
    Path wrong =
        Files.writeString(
            dir.resolve("w.json"), "[{\"id\": 1, \"balance\": 0}, {\"id\": 2, \"balance\": 399}]");

    CliRun right =
        CliRun.of(
            "verify",
            "--score",
            Vectors.input("dest-routed").toString(),
            Vectors.dir().resolve("dest-routed.balance.expected.json").toString());
    CliRun differs =
        CliRun.of("verify", "--score", Vectors.input("dest-routed").toString(), wrong.toString());

    assertEquals(
        "ok: 2 customers, 5 events, balance layout\nscore: 2/2 balances correct\n", right.out());
    assertEquals(3, differs.exitCode());
    assertEquals(
        """
        differs: $[1] (customer 2): expected {"id": 2, "balance": 400}, got {"id": 2, "balance": 399}
        score: 1/2 balances correct
          $[1] (customer 2): expected {"id": 2, "balance": 400}, got {"id": 2, "balance": 399}
        """,
        differs.out());
  }

  @Test
  void anUnreadableOutputIsExitTwo() throws Exception {
    Path notRecords = Files.writeString(dir.resolve("o.json"), "\"done\"");
    Path empty = Files.writeString(dir.resolve("e.json"), "\n");

    CliRun first =
        CliRun.of("verify", Vectors.input("course-p1").toString(), notRecords.toString());
    CliRun second = CliRun.of("verify", Vectors.input("course-p1").toString(), empty.toString());
    CliRun missing =
        CliRun.of(
            "verify", Vectors.input("course-p1").toString(), dir.resolve("none.json").toString());

    assertEquals(2, first.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: "
                + notRecords
                + ": $: must be a JSON array of records"
                + " (or one JSON object per line), got \"done\""),
        first.errLines());
    assertEquals(2, second.exitCode());
    assertTrue(second.err().contains("the file is empty"), second.err());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }

  @Test
  void recordsOfAnyKindInJsonLinesAreGraded() throws Exception {
    Path lines =
        Files.writeString(
            dir.resolve("l.json"),
            """
        {"id": 1, "recv": [{"interface": "query", "balance": 400}]}
        [1, 2]
        null
        """);

    CliRun run =
        CliRun.of("verify", "--score", Vectors.input("course-p1").toString(), lines.toString());

    assertEquals(3, run.exitCode(), run.err());
    assertEquals("score: 1/5 events correct", run.out().lines().toList().get(1));
  }

  @Test
  void aBalanceFileWithOneBadRecordIsStillABalanceFile() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("b.json"), "[{\"id\": 1, \"balance\": 0}, {\"id\": 2, \"bal\": 400}]");
    Path input =
        Files.writeString(
            dir.resolve("noquery.json"),
            "[{\"id\": 1, \"type\":"
                + " \"branch\", \"balance\": 4}, {\"id\": 1, \"type\": \"customer\", \"events\":"
                + " [{\"interface\": \"deposit\", \"money\": 1}]}]");
    Path empty = Files.writeString(dir.resolve("e.json"), "[]\n");

    CliRun oneBad =
        CliRun.of("verify", "--score", Vectors.input("dest-routed").toString(), file.toString());
    CliRun noQueries = CliRun.of("verify", input.toString(), empty.toString());

    assertEquals("score: 1/2 balances correct", oneBad.out().lines().toList().get(1));
    assertEquals("ok: 1 customers, 1 events, balance layout\n", noQueries.out());
  }

  @Test
  void anInputWhoseBalanceOverflowsCannotBeGraded() throws Exception {
    Path input =
        Files.writeString(
            dir.resolve("max.json"),
            "[{\"id\": 1, \"type\": \"branch\","
                + " \"balance\": 9223372036854775807}, {\"id\": 1, \"type\": \"customer\", \"events\":"
                + " [{\"interface\": \"deposit\", \"money\": 1}, {\"interface\": \"query\"}]}]");
    Path wrapped =
        Files.writeString(
            dir.resolve("w.json"),
            "[{\"id\": 1, \"recv\": [{\"interface\":"
                + " \"deposit\", \"result\": \"success\"}, {\"interface\": \"query\", \"balance\":"
                + " -9223372036854775808}]}]");

    CliRun run = CliRun.of("verify", input.toString(), wrapped.toString());

    assertEquals(2, run.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: "
                + input
                + ": customer 1 (customer entry 1), event 0:"
                + " its deposit of 1 takes a balance past 9223372036854775807, which no branch can hold"),
        run.errLines());
  }

  @Test
  void anUnreadableOutputStillGetsAGradescopeFileWithScoreZero() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "[{\"id\": 1, \"recv\": NaN}]");
    Path results = dir.resolve("results.json");

    CliRun run =
        CliRun.of(
            "verify",
            "--gradescope",
            results.toString(),
            Vectors.input("course-p1").toString(),
            bad.toString());

    assertEquals(2, run.exitCode());
    assertEquals(1, run.errLines().size(), run.err());
    JsonObject json = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
    assertEquals(0, json.get("score").getAsInt());
    assertTrue(
        json.get("output")
            .getAsString()
            .startsWith("cannot read the output: " + bad + ": invalid JSON at line 1"),
        json.toString());
    assertEquals(3, json.getAsJsonArray("tests").size());
  }

  @Test
  void gradescopeToStandardOutputAndLongValuesShortened() throws Exception {
    JsonArray output =
        JsonParser.parseString(Files.readString(Vectors.expected("course-p1"))).getAsJsonArray();
    entry(output, 1, 1).addProperty("balance", "x".repeat(100_000));
    Path file = Files.writeString(dir.resolve("long.json"), output.toString());

    CliRun verdict = CliRun.of("verify", Vectors.input("course-p1").toString(), file.toString());
    CliRun results =
        CliRun.of(
            "verify", "--gradescope", "-", Vectors.input("course-p1").toString(), file.toString());

    assertEquals(3, verdict.exitCode());
    assertTrue(verdict.out().length() < 400, verdict.out());
    assertEquals(
        4, JsonParser.parseString(results.out()).getAsJsonObject().get("score").getAsInt());
  }

  @Test
  void anOutputFarLargerThanTheInputCouldGiveIsRefusedUnread() throws Exception {
    Path huge = dir.resolve("huge.json");
    Files.write(huge, new byte[2 << 20]);

    CliRun run = CliRun.of("verify", Vectors.input("course-p1").toString(), huge.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("larger than"), run.err());
  }
}
