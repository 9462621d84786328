package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import banksim.testing.Vectors;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** verify on Project 2 logs: right ones pass, and each way of breaking SPEC section 7 is named. */
@Tag("grpc")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClockLogTest {
  @TempDir Path dir;

  private static Path p2(String file) {
    return Vectors.dir().resolve("p2").resolve(file);
  }

  /** random-5's branch log, changed by {@code tamper}, verified with its customer log. */
  private CliRun verifyTampered(Consumer<JsonArray> tamper) throws Exception {
    JsonArray branches =
        JsonParser.parseString(Files.readString(p2("random-5.branch_events.json")))
            .getAsJsonArray();
    tamper.accept(branches);
    Path file = Files.writeString(dir.resolve("branch_events.json"), branches.toString());
    return CliRun.of(
        "verify",
        "--score",
        p2("random-5.json").toString(),
        p2("random-5.customer_events.json").toString(),
        file.toString());
  }

  private static JsonArray events(JsonArray branches, int branch) {
    return branches.get(branch - 1).getAsJsonObject().getAsJsonArray("events");
  }

  private static JsonObject event(JsonArray branches, int branch, int index) {
    return events(branches, branch).get(index).getAsJsonObject();
  }

  private static void assertNamed(CliRun run, String... words) {
    assertEquals(3, run.exitCode(), run.out() + run.err());
    for (String word : words) {
      assertTrue(run.out().contains(word), "'" + word + "' in " + run.out());
    }
  }

  @Test
  void theVectorsLogsPassInEveryForm() {
    for (String name : Vectors.projectTwoNames()) {
      CliRun all =
          CliRun.of(
              "verify", p2(name + ".json").toString(), p2(name + ".all_events.json").toString());
      CliRun split =
          CliRun.of(
              "verify",
              p2(name + ".json").toString(),
              p2(name + ".customer_events.json").toString(),
              p2(name + ".branch_events.json").toString());

      assertEquals(0, all.exitCode(), all.out());
      assertTrue(all.out().startsWith("ok: "), all.out());
      assertEquals(0, split.exitCode(), split.out());
    }
  }

  @Test
  void theCourseSpellingPropogateIsRead() throws Exception {
    Path misspelt =
        Files.writeString(
            dir.resolve("all.json"),
            Files.readString(p2("course-example.all_events.json"))
                .replace("propagate_", "propogate_"));

    CliRun run = CliRun.of("verify", p2("course-example.json").toString(), misspelt.toString());

    assertEquals(0, run.exitCode(), run.out());
  }

  @Test
  void aClockThatDoesNotIncreaseIsNamed() throws Exception {
    CliRun run = verifyTampered(b -> event(b, 2, 1).addProperty("logical_clock", 4));

    assertNamed(run, "branch 2, event 1", "does not increase");
  }

  @Test
  void aReceiveThatIsNotMaxPlusOneIsNamed() throws Exception {
    CliRun run = verifyTampered(b -> event(b, 2, 0).addProperty("logical_clock", 3));

    assertNamed(run, "branch 2, event 0", "expected max(previous 0, sent 3) + 1 = 4");
  }

  @Test
  void aMissingPropagationIsNamed() throws Exception {
    // Branch 1's first write is sent to branch 2 (index 1), and received there (index 0).
    CliRun run =
        verifyTampered(
            b -> {
              events(b, 1).remove(1);
              events(b, 2).remove(0);
            });

    assertNamed(run, "branch 1", "was sent to branch 2 0 times; expected once");
  }

  @Test
  void aPropagationReceivedTwiceIsNamed() throws Exception {
    CliRun run =
        verifyTampered(
            b -> {
              JsonObject again = event(b, 2, 0).deepCopy();
              again.addProperty("logical_clock", 1000);
              events(b, 2).add(again);
            });

    assertNamed(run, "branch 2", "which was not sent to it (or was received already)");
  }

  @Test
  void aReceiveWithNoSendIsNamed() throws Exception {
    CliRun run =
        verifyTampered(b -> event(b, 2, 0).addProperty("comment", "event_recv from branch 4"));

    assertNamed(run, "branch 2, event 0", "which was not sent to it");
  }

  @Test
  void aFailedWithdrawalThatWasPropagatedIsNamed() throws Exception {
    // Request 10 (customer 3 at branch 3) withdraws more than any branch holds.
    CliRun run =
        verifyTampered(
            b -> {
              JsonArray branch3 = events(b, 3);
              int failed = 0;
              for (int i = 0; i < branch3.size(); i++) {
                JsonObject e = branch3.get(i).getAsJsonObject();
                if (e.get("customer-request-id").getAsInt() == 10) {
                  failed = i;
                }
              }
              JsonObject sent = new JsonObject();
              sent.addProperty("customer-request-id", 10);
              sent.addProperty(
                  "logical_clock",
                  branch3.get(failed).getAsJsonObject().get("logical_clock").getAsLong() + 1);
              sent.addProperty("interface", "propagate_withdraw");
              sent.addProperty("comment", "event_sent to branch 1");
              branch3.add(sent);
            });

    assertNamed(run, "branch 3", "failed but was propagated");
  }

  @Test
  void swappedInterfacesAreNamed() throws Exception {
    JsonArray customers =
        JsonParser.parseString(Files.readString(p2("course-example.customer_events.json")))
            .getAsJsonArray();
    JsonArray first = customers.get(0).getAsJsonObject().getAsJsonArray("events");
    first.get(0).getAsJsonObject().addProperty("interface", "withdraw");
    first.get(1).getAsJsonObject().addProperty("interface", "deposit");
    Path file = Files.writeString(dir.resolve("customer_events.json"), customers.toString());

    CliRun run =
        CliRun.of(
            "verify",
            p2("course-example.json").toString(),
            file.toString(),
            p2("course-example.branch_events.json").toString());

    assertNamed(run, "customer 1, event 0", "interface withdraw, expected deposit");
  }

  /** random-5's all-events list, changed by {@code tamper}, verified alone. */
  private CliRun verifyAllTampered(Consumer<JsonArray> tamper) throws Exception {
    JsonArray all =
        JsonParser.parseString(Files.readString(p2("random-5.all_events.json"))).getAsJsonArray();
    tamper.accept(all);
    Path file = Files.writeString(dir.resolve("all.json"), all.toString());
    return CliRun.of("verify", "--score", p2("random-5.json").toString(), file.toString());
  }

  private static JsonObject logEvent(
      int id, long request, String type, long clock, String operation, String comment) {
    JsonObject event = new JsonObject();
    event.addProperty("id", id);
    event.addProperty("customer-request-id", request);
    event.addProperty("type", type);
    event.addProperty("logical_clock", clock);
    event.addProperty("interface", operation);
    event.addProperty("comment", comment);
    return event;
  }

  @Test
  void anAllEventsListWithoutItsCustomersIsMissingEvents() throws Exception {
    CliRun run =
        verifyAllTampered(
            all ->
                all.asList()
                    .removeIf(
                        e -> e.getAsJsonObject().get("type").getAsString().equals("customer")));

    assertNamed(run, "was never sent");
  }

  @Test
  void propagationsThatShouldNotExistAreNamed() throws Exception {
    CliRun fabricated =
        verifyAllTampered(
            all -> {
              all.add(logEvent(2, 3, "branch", 65, "propagate_deposit", "event_sent to branch 3"));
              all.add(
                  logEvent(3, 3, "branch", 66, "propagate_deposit", "event_recv from branch 2"));
            });
    CliRun query =
        verifyAllTampered(
            all -> {
              all.add(logEvent(1, 2, "branch", 64, "propagate_query", "event_sent to branch 2"));
              all.add(logEvent(2, 2, "branch", 65, "propagate_query", "event_recv from branch 1"));
            });
    CliRun toItself =
        verifyAllTampered(
            all -> {
              all.add(logEvent(1, 1, "branch", 64, "propagate_withdraw", "event_sent to branch 1"));
              all.add(
                  logEvent(1, 1, "branch", 65, "propagate_withdraw", "event_recv from branch 1"));
            });
    CliRun unknownBranch =
        verifyAllTampered(
            all -> all.add(logEvent(9, 1, "branch", 70, "query", "event_recv from customer 1")));

    assertNamed(fabricated, "which this branch did not apply for a customer before");
    assertNamed(query, "only writes are propagated");
    assertNamed(toItself, "which is not another branch of the input");
    assertNamed(unknownBranch, "branch 9 is not in the input");
  }

  @Test
  void aCustomerUnderAnotherIdOrCommentIsNamed() throws Exception {
    CliRun otherId =
        verifyAllTampered(
            all -> {
              all.get(0).getAsJsonObject().addProperty("id", 7);
              all.get(0).getAsJsonObject().addProperty("comment", "event_sent from customer 7");
            });
    CliRun comment =
        verifyAllTampered(
            all -> all.get(0).getAsJsonObject().addProperty("comment", "event_recv from branch 2"));

    assertNamed(otherId, "customer 7 sent request 1, which no customer 7 of the input makes");
    assertNamed(comment, "a customer's comment must be");
  }

  @Test
  void aHugeIdInACommentIsAFindingNotACrash() throws Exception {
    CliRun run =
        verifyAllTampered(
            all -> {
              JsonObject branchEvent =
                  all.asList().stream()
                      .map(JsonElement::getAsJsonObject)
                      .filter(e -> e.get("type").getAsString().equals("branch"))
                      .findFirst()
                      .orElseThrow();
              branchEvent.addProperty("comment", "event_recv from branch 99999999999");
            });

    assertNamed(run, "a branch's comment must be");
  }

  @Test
  void anOutOfOrderListIsNamedAndABrokenRecordLeavesItALog() throws Exception {
    CliRun reversed =
        verifyAllTampered(
            all -> {
              List<JsonElement> events = new java.util.ArrayList<>(all.asList());
              java.util.Collections.reverse(events);
              all.asList().clear();
              events.forEach(all::add);
            });
    CliRun broken = verifyAllTampered(all -> all.set(3, new JsonPrimitive(7)));
    Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
    CliRun nothing = CliRun.of("verify", p2("random-5.json").toString(), empty.toString());

    assertNamed(reversed, "the all-events list is out of order here");
    assertNamed(broken, "$[3]: not a log event");
    assertNamed(nothing, "was never sent");
  }

  @Test
  void requestIdsThatRepeatAcrossCustomersStillPass() throws Exception {
    Path input =
        Files.writeString(
            dir.resolve("repeat.json"),
            """
            [{"id": 1, "type": "branch", "balance": 100}, {"id": 2, "type": "branch", "balance": 100},
             {"id": 1, "type": "customer", "customer-requests": [
               {"customer-request-id": 1, "interface": "deposit", "money": 10},
               {"customer-request-id": 2, "interface": "withdraw", "money": 50}]},
             {"id": 2, "type": "customer", "customer-requests": [
               {"customer-request-id": 1, "interface": "withdraw", "money": 70},
               {"customer-request-id": 2, "interface": "query"}]}]
            """);
    Path output = dir.resolve("out.json");

    CliRun run =
        CliRun.of(input.toString(), "-o", output.toString(), "--base-port", FreePorts.base(input));
    CliRun verify = CliRun.of("verify", input.toString(), output.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(0, verify.exitCode(), verify.out());
  }

  @Test
  void theLogsOfALargerRunAreReadAndTheirFileNamesAreNotAnOutput() throws Exception {
    Path input = Vectors.input("course-p1-repeated");
    Path output = dir.resolve("all.json");

    CliRun run =
        CliRun.of(
            input.toString(),
            "--clocks",
            "-o",
            output.toString(),
            "--base-port",
            FreePorts.base(input));
    CliRun verify = CliRun.of("verify", input.toString(), output.toString());
    CliRun clash =
        CliRun.of(
            input.toString(), "--clocks", "-o", dir.resolve("customer_events.json").toString());

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertEquals(2, clash.exitCode());
    assertTrue(clash.err().contains("name the output otherwise"), clash.err());
  }

  @RepeatedTest(20)
  void concurrentCustomersWriteLogsThatPassEveryRule() throws Exception {
    Path input = dir.resolve("ten.json");
    CliRun gen =
        CliRun.of(
            "gen",
            "--branches",
            "4",
            "--customers",
            "10",
            "--events",
            "5",
            "--seed",
            "7",
            "-o",
            input.toString());
    assertEquals(0, gen.exitCode(), gen.err());
    Path output = dir.resolve("all.json");

    CliRun run =
        CliRun.of(
            input.toString(),
            "--clocks",
            "--concurrent",
            "-o",
            output.toString(),
            "--base-port",
            FreePorts.base(input));
    CliRun verify = CliRun.of("verify", "--score", input.toString(), output.toString());
    CliRun split =
        CliRun.of(
            "verify",
            input.toString(),
            dir.resolve("customer_events.json").toString(),
            dir.resolve("branch_events.json").toString());

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(0, verify.exitCode(), verify.out());
    assertEquals(0, split.exitCode(), split.out());
    JsonElement all = JsonParser.parseString(Files.readString(output));
    assertEquals(
        List.of(),
        all.getAsJsonArray().asList().stream()
            .filter(e -> !e.getAsJsonObject().has("logical_clock"))
            .toList());
  }
}
