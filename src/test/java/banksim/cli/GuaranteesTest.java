package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.Vectors;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code verify --guarantees}: outputs and hand-made traces, no servers. */
@Tag("unit")
class GuaranteesTest {
  @TempDir Path dir;

  /** Two branches at 0; customer 1 deposits 400 at branch 1, then queries branch 2. */
  private static final String STALE_INPUT =
      """
      [{"id": 1, "type": "branch", "balance": 0}, {"id": 2, "type": "branch", "balance": 0},
       {"id": 1, "type": "customer", "events": [
         {"interface": "deposit", "money": 400, "branch": 1},
         {"interface": "query", "branch": 2}]}]
      """;

  private static String depositAndQuery(int customer, long balance) {
    return "{\"id\": "
        + customer
        + ", \"recv\": [{\"interface\": \"deposit\", \"branch\": 1, \"result\": \"success\"}]}\n"
        + "{\"id\": "
        + customer
        + ", \"recv\": [{\"interface\": \"query\", \"branch\": 2, \"balance\": "
        + balance
        + "}]}\n";
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  static List<Vectors.Output> vectors() {
    return Vectors.outputs();
  }

  /** A sequential synchronous run's output, in every layout, keeps ryw and the course's rule. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyVectorsExpectedOutputKeepsReadYourWritesAndTheCourseRule(Vectors.Output vector) {
    CliRun run =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw",
            "--course-p3",
            vector.input().toString(),
            vector.expected().toString());

    assertEquals(0, run.exitCode(), run.out() + run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("ok: ryw holds: "), run.out());
    assertTrue(lines.get(1).startsWith("ryw: "), run.out());
    assertTrue(
        lines.get(1).endsWith("all reflect their customer's earlier writes")
            || lines.get(1).endsWith("no balance shown to check"),
        run.out());
    assertTrue(lines.get(2).startsWith("course rule: "), run.out());
    assertEquals(3, lines.size(), run.out());
  }

  @Test
  void theRoutedVectorsCountTheirQueries() {
    CliRun run =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw",
            Vectors.input("routed-p3").toString(),
            Vectors.expected("routed-p3").toString());

    assertEquals(
        """
        ok: ryw holds: 2 customers, 6 events, event layout
        ryw: 3 queries, all reflect their customer's earlier writes
        course rule: 1 pairs of consecutive queries, all agree (informative)
        """,
        run.out());
    assertEquals(0, run.exitCode());
  }

  @Test
  void aQueryThatMissesTheCustomersOwnDepositIsAViolation() throws Exception {
    Path input = file("in.json", STALE_INPUT);
    Path stale = file("stale.json", depositAndQuery(1, 0));
    Path fresh = file("fresh.json", depositAndQuery(1, 400));

    CliRun violated =
        CliRun.of("verify", "--guarantees", "ryw", input.toString(), stale.toString());
    CliRun informative =
        CliRun.of("verify", "--guarantees", "none", input.toString(), stale.toString());
    CliRun held = CliRun.of("verify", "--guarantees", "ryw", input.toString(), fresh.toString());

    assertEquals(3, violated.exitCode());
    assertEquals(
        """
        violated: ryw at $[1].recv[0] (customer 1, event 1, query at branch 2): balance 0 misses \
        the customer's deposit of 400 at branch 1 (event 0); 1 violation in all
        ryw: 1 of 1 queries miss their customer's earlier writes; first: $[1].recv[0] (customer 1, \
        event 1, query at branch 2): balance 0 misses the customer's deposit of 400 at branch 1 \
        (event 0)
        course rule: 0 pairs of consecutive queries, none to compare (informative)
        """,
        violated.out());
    assertEquals(0, informative.exitCode(), informative.out());
    assertTrue(informative.out().startsWith("ok: no guarantee asked: 1 customers, 2 events"));
    assertTrue(informative.out().contains("first: $[1].recv[0]"), informative.out());
    assertTrue(informative.out().contains("(informative)\n"), informative.out());
    assertEquals(0, held.exitCode(), held.out());
  }

  @Test
  void anotherCustomersDepositMayOrMayNotBeSeen() throws Exception {
    Path input =
        file(
            "in.json",
            """
            [{"id": 1, "type": "branch", "balance": 0}, {"id": 2, "type": "branch", "balance": 0},
             {"id": 2, "type": "customer", "events": [
               {"interface": "deposit", "money": 400, "branch": 1}]},
             {"id": 1, "type": "customer", "events": [{"interface": "query", "branch": 2}]}]
            """);

    for (long balance : new long[] {0, 400}) {
      Path output =
          file(
              "out" + balance + ".json",
              "[{\"id\": 2, \"recv\": [{\"interface\": \"deposit\", \"branch\": 1, \"result\":"
                  + " \"success\"}]}, {\"id\": 1, \"recv\": [{\"interface\": \"query\","
                  + " \"branch\": 2, \"balance\": "
                  + balance
                  + "}]}]");

      CliRun run = CliRun.of("verify", "--guarantees", "ryw", input.toString(), output.toString());

      assertEquals(0, run.exitCode(), run.out());
      assertTrue(run.out().contains("ryw: 1 queries, all reflect"), run.out());
    }
    Path impossible =
        file(
            "out.json",
            "[{\"id\": 2, \"recv\": [{\"interface\": \"deposit\", \"branch\": 1, \"result\":"
                + " \"success\"}]}, {\"id\": 1, \"recv\": [{\"interface\": \"query\", \"branch\":"
                + " 2, \"balance\": 200}]}]");
    CliRun run =
        CliRun.of("verify", "--guarantees", "ryw", input.toString(), impossible.toString());
    assertEquals(3, run.exitCode());
    assertTrue(
        run.out()
            .startsWith(
                "violated: ryw at $[1].recv[0] (customer 1, event 0, query at branch 2): balance"
                    + " 200 is not the branch's initial 0 and any choice of the other customers'"
                    + " writes; 1 violation in all\n"),
        run.out());
  }

  @Test
  void aFailedWithdrawalIsNoWriteAndTheCustomerLayoutReadsToo() throws Exception {
    Path input =
        file(
            "in.json",
            """
            [{"id": 1, "type": "branch", "balance": 100}, {"id": 2, "type": "branch", "balance": 100},
             {"id": 1, "type": "customer", "events": [
               {"interface": "withdraw", "money": 500, "branch": 1},
               {"interface": "withdraw", "money": 30, "branch": 1},
               {"interface": "query", "branch": 2},
               {"interface": "query", "branch": 1}]}]
            """);
    Path output =
        file(
            "out.json",
            """
            [{"id": 1, "recv": [
              {"interface": "withdraw", "branch": 1, "result": "fail"},
              {"interface": "withdraw", "branch": 1, "result": "success"},
              {"interface": "query", "branch": 2, "balance": 70},
              {"interface": "query", "branch": 1, "balance": 70.0}]}]
            """);

    CliRun run =
        CliRun.of(
            "verify", "--guarantees", "ryw", "--course-p3", input.toString(), output.toString());

    assertEquals(
        """
        ok: ryw holds: 1 customers, 4 events, customer layout
        ryw: 2 queries, all reflect their customer's earlier writes
        course rule: 1 pairs of consecutive queries, all agree
        """,
        run.out());
  }

  @Test
  void theCourseRuleDecidesOnlyWhenAsked() throws Exception {
    Path input =
        file(
            "in.json",
            """
            [{"id": 1, "type": "branch", "balance": 0}, {"id": 2, "type": "branch", "balance": 0},
             {"id": 2, "type": "customer", "events": [
               {"interface": "deposit", "money": 5, "branch": 1}]},
             {"id": 1, "type": "customer", "events": [
               {"interface": "query", "branch": 1}, {"interface": "query", "branch": 2}]}]
            """);
    Path output =
        file(
            "out.json",
            """
            {"id": 2, "recv": [{"interface": "deposit", "branch": 1, "result": "success"}]}
            {"id": 1, "recv": [{"interface": "query", "branch": 1, "balance": 5}]}
            {"id": 1, "recv": [{"interface": "query", "branch": 2, "balance": 0}]}
            """);

    CliRun informative =
        CliRun.of("verify", "--guarantees", "ryw", input.toString(), output.toString());
    CliRun asked =
        CliRun.of(
            "verify", "--guarantees", "ryw", "--course-p3", input.toString(), output.toString());

    assertEquals(0, informative.exitCode(), informative.out());
    String rule =
        "course rule: 1 of 1 pairs of consecutive queries disagree; first: $[2].recv[0]"
            + " (customer 1, event 1, query at branch 2): balance 0, but the customer's previous"
            + " query ($[1].recv[0], event 0 at branch 1) read 5 and no write of the customer lies"
            + " between";
    assertTrue(informative.out().contains(rule + " (informative)\n"), informative.out());
    assertEquals(3, asked.exitCode());
    assertTrue(asked.out().startsWith("violated: course rule at $[2].recv[0]"), asked.out());
    assertTrue(asked.out().contains(rule + "\n"), asked.out());
  }

  @Test
  void inTheBalanceLayoutAWithdrawalMayHaveFailed() throws Exception {
    Path input =
        file(
            "in.json",
            """
            [{"id": 1, "type": "branch", "balance": 0}, {"id": 2, "type": "branch", "balance": 0},
             {"id": 1, "type": "customer", "events": [
               {"interface": "deposit", "money": 400, "dest": 1},
               {"interface": "withdraw", "money": 100, "dest": 2},
               {"interface": "query", "dest": 2}]}]
            """);

    CliRun withIt =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw",
            input.toString(),
            file("a.json", "[{\"id\": 1, \"balance\": 300}]").toString());
    CliRun without =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw",
            input.toString(),
            file("b.json", "[{\"id\": 1, \"balance\": 400}]").toString());
    CliRun missesTheDeposit =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw",
            input.toString(),
            file("c.json", "[{\"id\": 1, \"balance\": 0}]").toString());

    assertEquals(0, withIt.exitCode(), withIt.out());
    assertTrue(withIt.out().startsWith("ok: ryw holds: 1 customers, 3 events, balance layout\n"));
    assertEquals(0, without.exitCode(), without.out());
    assertEquals(3, missesTheDeposit.exitCode(), missesTheDeposit.out());
    assertTrue(
        missesTheDeposit
            .out()
            .startsWith(
                "violated: ryw at $[0] (customer 1, event 2, query at branch 2): balance 0 misses"
                    + " the customer's deposit of 400 at branch 1 (event 0)"),
        missesTheDeposit.out());
  }

  @Test
  void anOutputThatDoesNotAnswerTheInputIsNamed() throws Exception {
    Path input = file("in.json", STALE_INPUT);
    Path output =
        file(
            "out.json",
            "{\"id\": 1, \"recv\": [{\"interface\": \"deposit\", \"branch\": 1, \"result\":"
                + " \"success\"}]}\n{\"id\": 1, \"recv\": [{\"interface\": \"deposit\"}]}\n");

    CliRun run = CliRun.of("verify", "--guarantees", "ryw", input.toString(), output.toString());

    assertEquals(3, run.exitCode());
    assertEquals(
        "differs: the output does not answer the input's events in any layout; in the event"
            + " layout, which fits furthest: $[1].recv[0] (customer 1, event 1): expected the"
            + " answer to a query, got {\"interface\": \"deposit\"}\n",
        run.out());
  }

  /** The customer's second write reaches branch 3 before its first: monotonic writes broken. */
  private static final String MW_INPUT =
      """
      [{"id": 1, "type": "branch", "balance": 0}, {"id": 2, "type": "branch", "balance": 0},
       {"id": 3, "type": "branch", "balance": 0},
       {"id": 1, "type": "customer", "events": [
         {"id": 1, "interface": "deposit", "money": 100, "branch": 1},
         {"id": 2, "interface": "deposit", "money": 50, "branch": 2}]}]
      """;

  private static final String MW_OUTPUT =
      """
      {"id": 1, "recv": [{"interface": "deposit", "branch": 1, "result": "success"}]}
      {"id": 1, "recv": [{"interface": "deposit", "branch": 2, "result": "success"}]}
      """;

  private static final String MW_TRACE =
      """
      {"t_us":10,"kind":"send","rpc":"MsgDelivery","from":"customer 1","to":"branch 1","event":"deposit","amount":100,"clock":1,"request":1}
      {"t_us":20,"kind":"recv","rpc":"MsgDelivery","from":"customer 1","to":"branch 1","event":"deposit","amount":100,"op":7,"clock":2,"request":1}
      {"t_us":30,"kind":"recv","rpc":"Propagate_Deposit","from":"branch 1","to":"branch 2","amount":100,"op":7,"clock":4,"request":1}
      {"t_us":40,"kind":"reply","rpc":"MsgDelivery","from":"branch 1","to":"customer 1","result":"success","request":1}
      {"t_us":50,"kind":"send","rpc":"MsgDelivery","from":"customer 1","to":"branch 2","event":"deposit","amount":50,"clock":2,"request":2}
      {"t_us":60,"kind":"recv","rpc":"MsgDelivery","from":"customer 1","to":"branch 2","event":"deposit","amount":50,"op":9,"clock":5,"request":2}
      {"t_us":70,"kind":"recv","rpc":"Propagate_Deposit","from":"branch 2","to":"branch 3","amount":50,"op":9,"clock":7,"request":2}
      {"t_us":75,"kind":"wait","rpc":"MsgDelivery","from":"branch 2","to":"branch 3","something":"new"}
      {"t_us":80,"kind":"reply","rpc":"MsgDelivery","from":"branch 2","to":"customer 1","result":"success","request":2}
      {"t_us":90,"kind":"recv","rpc":"Propagate_Deposit","from":"branch 1","to":"branch 3","amount":100,"op":7,"clock":8,"request":1}
      {"t_us":95,"kind":"recv","rpc":"Propagate_Deposit","from":"branch 1","to":"branch 3","amount":100,"op":7,"request":1}
      {"t_us":99,"kind":"recv","rpc":"Propagate_Deposit","from":"branch 2","to":"branch 1","amount":50,"op":9,"clock":9,"request":2}
      """;

  @Test
  void aTraceWhereTheSecondWriteIsAppliedFirstBreaksMonotonicWrites() throws Exception {
    Path input = file("in.json", MW_INPUT);
    Path output = file("out.json", MW_OUTPUT);
    Path trace = file("trace.jsonl", MW_TRACE);

    CliRun mw =
        CliRun.of(
            "verify",
            "--guarantees",
            "mw",
            "--trace",
            trace.toString(),
            input.toString(),
            output.toString());
    CliRun ryw =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw",
            "--trace",
            trace.toString(),
            input.toString(),
            output.toString());

    String violation =
        "$[1].recv[0] (customer 1, event 1, deposit at branch 2): applied at branch 3 (trace line"
            + " 7, clock 7) before the customer's earlier deposit of 100 at branch 1 (event 0)"
            + " (line 10, clock 8)";
    assertEquals(
        "violated: mw at "
            + violation
            + "; 1 violation in all\n"
            + "ryw: 0 queries, no balance shown to check (informative)\n"
            + "ryw (trace): 0 queries, each received after its customer's earlier writes were"
            + " applied at its branch (informative)\n"
            + "mw: 1 of 3 pairs of writes were applied out of their customer's order; first: "
            + violation
            + "\n"
            + "course rule: 0 pairs of consecutive queries, none to compare (informative)\n",
        mw.out());
    assertEquals(3, mw.exitCode());
    assertEquals(0, ryw.exitCode(), ryw.out());
    assertTrue(ryw.out().startsWith("ok: ryw holds: "), ryw.out());
  }

  @Test
  void aTraceWhereAQueryArrivesBeforeTheCustomersWriteBreaksReadYourWrites() throws Exception {
    Path input = file("in.json", STALE_INPUT);
    // The answer looks right (the deposit may have been seen): only the trace tells.
    Path output = file("out.json", depositAndQuery(1, 400));
    Path trace =
        file(
            "trace.jsonl",
            """
            {"t_us":10,"kind":"send","rpc":"MsgDelivery","from":"customer 1","to":"branch 1","event":"deposit","amount":400,"clock":1,"request":1}
            {"t_us":20,"kind":"recv","rpc":"MsgDelivery","from":"customer 1","to":"branch 1","event":"deposit","amount":400,"op":3,"clock":2,"request":1}
            {"t_us":30,"kind":"reply","rpc":"MsgDelivery","from":"branch 1","to":"customer 1","result":"success","request":1}
            {"t_us":40,"kind":"send","rpc":"MsgDelivery","from":"customer 1","to":"branch 2","event":"query","clock":2,"request":2}
            {"t_us":50,"kind":"recv","rpc":"MsgDelivery","from":"customer 1","to":"branch 2","event":"query","clock":3,"request":2}
            {"t_us":60,"kind":"reply","rpc":"MsgDelivery","from":"branch 2","to":"customer 1","result":"400","request":2}
            {"t_us":70,"kind":"send","rpc":"Propagate_Deposit","from":"branch 1","to":"branch 2","amount":400,"op":3,"clock":3,"request":1}
            {"t_us":80,"kind":"recv","rpc":"Propagate_Deposit","from":"branch 1","to":"branch 2","amount":400,"op":3,"clock":4,"request":1}
            """);

    CliRun run =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw,mw",
            "--trace",
            trace.toString(),
            input.toString(),
            output.toString());

    assertEquals(3, run.exitCode());
    assertEquals(
        "violated: ryw (trace) at $[1].recv[0] (customer 1, event 1, query at branch 2): received"
            + " at branch 2 (trace line 5, clock 3) before the customer's deposit of 400 at branch 1"
            + " (event 0) was applied there (line 8, clock 4); 1 violation in all",
        run.out().lines().findFirst().orElseThrow());
    assertTrue(
        run.out().contains("\nryw: 1 queries, all reflect their customer's earlier writes\n"),
        run.out());
    assertTrue(run.out().contains("\nmw: 0 pairs of writes, all applied"), run.out());
  }

  @Test
  void jsonGivesEveryCheck() throws Exception {
    Path input = file("in.json", STALE_INPUT);
    Path stale = file("stale.json", depositAndQuery(1, 0));

    CliRun run =
        CliRun.of("verify", "--json", "--guarantees", "ryw", input.toString(), stale.toString());

    assertEquals(3, run.exitCode());
    JsonObject verdict = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals(false, verdict.get("ok").getAsBoolean());
    assertEquals("event", verdict.get("layout").getAsString());
    assertEquals("ryw", verdict.getAsJsonArray("guarantees").get(0).getAsString());
    assertEquals(1, verdict.get("violations").getAsInt());
    JsonObject ryw = verdict.getAsJsonArray("checks").get(0).getAsJsonObject();
    assertEquals("ryw", ryw.get("check").getAsString());
    assertEquals(true, ryw.get("decides").getAsBoolean());
    assertEquals(1, ryw.get("checked").getAsInt());
    JsonObject violation = ryw.getAsJsonObject("violation");
    assertEquals("$[1].recv[0]", violation.get("path").getAsString());
    assertEquals(1, violation.get("customer").getAsInt());
    assertEquals(1, violation.get("event").getAsInt());
    assertTrue(violation.get("message").getAsString().contains("misses the customer's deposit"));
  }

  /**
   * 40 customers deposit powers of two, and after each another customer queries a balance no prefix
   * of the deposits explains: the deposits add up in some 2^30 ways, more than a check keeps, and
   * every query's set of others differs, more work than a check may take.
   */
  @Test
  void tooManySubsetSumsAreUndecidedQuickly() throws Exception {
    StringBuilder in =
        new StringBuilder(
            "[{\"id\": 1, \"type\": \"branch\", \"balance\": 0},"
                + " {\"id\": 2, \"type\": \"branch\", \"balance\": 0}");
    StringBuilder out = new StringBuilder();
    for (int c = 0; c < 40; c++) {
      in.append(", {\"id\": 1, \"type\": \"customer\", \"events\": [{\"interface\": \"deposit\",")
          .append(" \"money\": ")
          .append(1 << (c % 30))
          .append("}]}");
      out.append(
          "{\"id\": 1, \"recv\": [{\"interface\": \"deposit\", \"result\": \"success\"}]}\n");
      in.append(", {\"id\": 2, \"type\": \"customer\", \"events\": [{\"interface\": \"query\"}]}");
      out.append("{\"id\": 2, \"recv\": [{\"interface\": \"query\", \"balance\": ")
          .append(0b1010101010101 + 2 * c)
          .append("}]}\n");
    }
    Path input = file("in.json", in.append("]").toString());
    Path output = file("out.json", out.toString());

    long start = System.nanoTime();
    CliRun run = CliRun.of("verify", "--guarantees", "ryw", input.toString(), output.toString());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(0, run.exitCode(), run.out());
    assertTrue(millis < 20_000, "took " + millis + " ms");
    List<String> lines = new ArrayList<>(run.out().lines().toList());
    assertEquals(
        "ryw: 40 queries, all reflect their customer's earlier writes; 40 could not be decided",
        lines.get(1),
        run.out());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("ryw: 40 queries could not be decided: ")),
        run.out());
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() throws Exception {
    Path input = file("in.json", STALE_INPUT);
    Path output = file("out.json", depositAndQuery(1, 400));
    Path badTrace = file("bad.jsonl", "{\"kind\": \"send\", \"rpc\": \"MsgDelivery\"}\n");

    CliRun foo = CliRun.of("verify", "--guarantees", "foo", input.toString(), output.toString());
    CliRun mw = CliRun.of("verify", "--guarantees", "mw", input.toString(), output.toString());
    CliRun traceAlone =
        CliRun.of("verify", "--trace", badTrace.toString(), input.toString(), output.toString());
    CliRun score =
        CliRun.of("verify", "--guarantees", "ryw", "--score", input.toString(), output.toString());
    CliRun unreadable =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw",
            "--trace",
            badTrace.toString(),
            input.toString(),
            output.toString());

    assertEquals(2, foo.exitCode());
    assertEquals(1, foo.errLines().size(), foo.err());
    assertTrue(
        foo.err()
            .startsWith(
                "bank-sim: error: --guarantees: expected none, or ryw, mw and strong joined by commas"
                    + " (ryw,mw), got 'foo'"),
        foo.err());
    assertEquals(2, mw.exitCode());
    assertTrue(
        mw.err()
            .startsWith(
                "bank-sim: error: mw needs --trace FILE: the output alone does not show where"
                    + " writes were applied"),
        mw.err());
    assertEquals(2, traceAlone.exitCode());
    assertTrue(
        traceAlone.err().startsWith("bank-sim: error: --trace goes with --guarantees G"),
        traceAlone.err());
    assertEquals(2, score.exitCode());
    assertEquals(2, unreadable.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: "
                + badTrace
                + ": line 1: not a trace record: {\"kind\": \"send\", \"rpc\": \"MsgDelivery\"}"),
        unreadable.errLines());
    for (CliRun run : List.of(foo, mw, traceAlone, score)) {
      assertEquals("", run.out());
    }
  }

  @Test
  void bothOrdersOfRywAndMwAreTheSame() throws Exception {
    Path input = file("in.json", MW_INPUT);
    Path output = file("out.json", MW_OUTPUT);
    Path trace = file("trace.jsonl", MW_TRACE);

    CliRun one =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw,mw",
            "--trace",
            trace.toString(),
            input.toString(),
            output.toString());
    CliRun other =
        CliRun.of(
            "verify",
            "--guarantees",
            "mw,ryw",
            "--trace",
            trace.toString(),
            input.toString(),
            output.toString());

    assertEquals(3, one.exitCode());
    assertEquals(one.out(), other.out());
  }
}
