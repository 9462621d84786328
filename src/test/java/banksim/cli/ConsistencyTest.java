package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 8 on real branches: asynchronous propagation shows stale replicas, and the
 * guarantees a customer asks for hold every time.
 */
@Tag("grpc")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsistencyTest {
  @TempDir Path dir;

  /** A customer deposits 400 at branch 1, then queries branch 2. */
  private Path depositThenQueryElsewhere() throws Exception {
    return write(
        "ryw.json",
        "[\n"
            + "  {\"id\": 1, \"type\": \"customer\", \"events\": ["
            + "{\"id\": 1, \"interface\": \"deposit\", \"money\": 400, \"branch\": 1},"
            + " {\"id\": 2, \"interface\": \"query\", \"branch\": 2}]},\n"
            + "  {\"id\": 1, \"type\": \"branch\", \"balance\": 0},\n"
            + "  {\"id\": 2, \"type\": \"branch\", \"balance\": 0}\n"
            + "]\n");
  }

  private Path write(String name, String json) throws Exception {
    return Files.writeString(dir.resolve(name), json);
  }

  private CliRun run(Path input, String... options) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                input.toString(),
                "-q",
                "--layout",
                "event",
                "-o",
                dir.resolve("out.json").toString(),
                "--base-port",
                FreePorts.base(input)));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** {@code verify --guarantees G} of the last run's output against its input, named in dir. */
  private CliRun verifyRun(String input, String guarantees) {
    return CliRun.of(
        "verify",
        dir.resolve(input).toString(),
        dir.resolve("out.json").toString(),
        "--guarantees",
        guarantees);
  }

  private String output() throws Exception {
    return Files.readString(dir.resolve("out.json"));
  }

  @Test
  void asynchronousWithoutAGuaranteeReadsAStaleReplica() throws Exception {
    CliRun run =
        run(
            depositThenQueryElsewhere(),
            "--propagation",
            "async",
            "--delay-ms",
            "300",
            "--guarantees",
            "none",
            "--verbose");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(output().contains("\"balance\": 0"), "the query missed the deposit: " + output());
    CliRun verify = verifyRun("ryw.json", "ryw");
    assertEquals(3, verify.exitCode(), "verify catches the stale read: " + verify.out());
    assertEquals(
        List.of("bank-sim: final balance 400 at all 2 branches"),
        run.errLines(),
        "the replicas caught up before the run ended");
  }

  @RepeatedTest(20)
  void readYourWritesReadsTheDepositEveryTime() throws Exception {
    CliRun run =
        run(
            depositThenQueryElsewhere(),
            "--propagation",
            "async",
            "--delay-ms",
            "50",
            "--guarantees",
            "ryw");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(output().contains("\"balance\": 400"), output());
    CliRun verify = verifyRun("ryw.json", "ryw");
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
  }

  @Test
  void theTraceRecordsTheWaitAndTheDiagramShowsIt() throws Exception {
    Path trace = dir.resolve("ryw.trace.jsonl");
    CliRun run =
        run(
            depositThenQueryElsewhere(),
            "--propagation",
            "async",
            "--delay-ms",
            "300",
            "--guarantees",
            "ryw",
            "--trace",
            trace.toString());
    assertEquals(0, run.exitCode(), run.err());

    List<TraceEvent> events = TraceReader.read(trace);
    TraceEvent wait =
        events.stream().filter(e -> e.kind() == TraceEvent.Kind.WAIT).findFirst().orElseThrow();
    assertEquals(Participant.branch(2), wait.to());
    assertEquals(Participant.customer(1), wait.from());
    assertTrue(wait.result().startsWith("waits for customer 1's earlier writes"), wait.result());
    TraceEvent served =
        events.stream()
            .filter(e -> e.kind() == TraceEvent.Kind.RECV && e.to().equals(Participant.branch(2)))
            .filter(e -> e.rpc() == Rpc.MSG_DELIVERY)
            .findFirst()
            .orElseThrow();
    assertTrue(served.tUs() - wait.tUs() >= 100_000, "served once the deposit came: " + served);

    Path page = dir.resolve("ryw.html");
    CliRun diagram = CliRun.of("diagram", trace.toString(), "-o", page.toString());
    assertEquals(0, diagram.exitCode(), diagram.err());
    assertTrue(Files.readString(page).contains("<g class=\"wait\"><title>branch 2 waits for"));
  }

  @Test
  void aWaitThatOutlastsTheDeadlineFailsTheRunNamingIt() throws Exception {
    CliRun run =
        run(
            depositThenQueryElsewhere(),
            "--propagation",
            "async",
            "--delay-ms",
            "3000",
            "--deadline-ms",
            "200",
            "--retries",
            "0",
            "--guarantees",
            "ryw");

    assertEquals(1, run.exitCode());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(
        run.err().contains("branch 2 had not applied customer 1's earlier writes"), run.err());
    assertTrue(Files.notExists(dir.resolve("out.json")), "no output");
  }

  @RepeatedTest(20)
  void monotonicWritesAreAppliedInTheCustomersOrderAtEveryBranch() throws Exception {
    Path input =
        write(
            "mw.json",
            "[\n"
                + "  {\"id\": 1, \"type\": \"customer\", \"events\": ["
                + "{\"id\": 1, \"interface\": \"deposit\", \"money\": 100, \"branch\": 1},"
                + " {\"id\": 2, \"interface\": \"withdraw\", \"money\": 50, \"branch\": 2}]},\n"
                + "  {\"id\": 1, \"type\": \"branch\", \"balance\": 100},\n"
                + "  {\"id\": 2, \"type\": \"branch\", \"balance\": 100},\n"
                + "  {\"id\": 3, \"type\": \"branch\", \"balance\": 100}\n"
                + "]\n");
    Path trace = dir.resolve("trace.jsonl");

    CliRun run =
        run(
            input,
            "--propagation",
            "async",
            "--delay-ms",
            "20",
            "--guarantees",
            "mw",
            "--trace",
            trace.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<TraceEvent> events = TraceReader.read(trace);
    String deposit = operationAt(events, 1);
    String withdrawal = operationAt(events, 2);
    for (int branch = 1; branch <= 3; branch++) {
      List<String> applied = appliedAt(events, branch);
      assertTrue(
          applied.indexOf(deposit) < applied.indexOf(withdrawal) && applied.contains(deposit),
          "branch " + branch + " applied " + applied);
    }
  }

  @Test
  void noModeLosesAnUpdateWithCustomersAtOnce() throws Exception {
    StringBuilder json = new StringBuilder("[\n");
    for (int b = 1; b <= 3; b++) {
      json.append("{\"id\": ").append(b).append(", \"type\": \"branch\", \"balance\": 0},\n");
    }
    json.append(
        IntStream.rangeClosed(1, 12)
            .mapToObj(
                c ->
                    "{\"id\": "
                        + c
                        + ", \"type\": \"customer\", \"events\": ["
                        + IntStream.rangeClosed(1, 10)
                            .mapToObj(
                                d ->
                                    "{\"interface\": \"deposit\", \"money\": 1, \"branch\": "
                                        + ((c + d) % 3 + 1)
                                        + "}")
                            .collect(Collectors.joining(", "))
                        + "]}")
            .collect(Collectors.joining(",\n")));
    Path input = write("many.json", json.append("\n]\n").toString());

    for (List<String> mode :
        List.of(
            List.of("--propagation", "sync"),
            List.of("--propagation", "async", "--delay-ms", "5"),
            List.of("--propagation", "async", "--guarantees", "ryw,mw"),
            List.of("--propagation", "strong"))) {
      List<String> args = new ArrayList<>(mode);
      args.addAll(List.of("--concurrent", "--verbose"));
      CliRun run = run(input, args.toArray(String[]::new));

      assertEquals(0, run.exitCode(), mode + ": " + run.err());
      assertEquals(
          List.of("bank-sim: final balance 120 at all 3 branches"),
          run.errLines(),
          mode.toString());
    }
  }

  @Test
  void oneCustomersOutputIsTheSameInEveryMode() throws Exception {
    Path input = depositThenQueryElsewhere();
    CliRun sync = run(input);
    assertEquals(0, sync.exitCode(), sync.err());
    String synchronous = output();

    CliRun async = run(input, "--propagation", "async", "--guarantees", "ryw,mw");
    assertEquals(0, async.exitCode(), async.err());
    assertEquals(synchronous, output());

    CliRun strong = run(input, "--propagation", "strong");
    assertEquals(0, strong.exitCode(), strong.err());
    assertEquals(synchronous, output());
  }

  /** Three customers at three branches of 100 each withdraw 100 at once. */
  private Path threeWithdrawals() throws Exception {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 1; i <= 3; i++) {
      json.append("  {\"id\": ")
          .append(i)
          .append(", \"type\": \"customer\", \"events\": [{\"id\": ")
          .append(i)
          .append(", \"interface\": \"withdraw\", \"money\": 100, \"branch\": ")
          .append(i)
          .append("}]},\n");
    }
    for (int i = 1; i <= 3; i++) {
      json.append("  {\"id\": ")
          .append(i)
          .append(", \"type\": \"branch\", \"balance\": 100}")
          .append(i < 3 ? ",\n" : "\n]\n");
    }
    return write("withdrawals.json", json.toString());
  }

  @RepeatedTest(100)
  void strongNeverOverdraws() throws Exception {
    CliRun run = run(threeWithdrawals(), "--propagation", "strong", "--concurrent", "--verbose");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("bank-sim: final balance 0 at all 3 branches"), run.errLines());
    assertEquals(1, output().split("\"success\"", -1).length - 1, "exactly one: " + output());
    CliRun verify = verifyRun("withdrawals.json", "strong");
    assertEquals(0, verify.exitCode(), verify.out());
  }

  @Test
  void verifyTellsTheSeedsOverdrawFromStrong() throws Exception {
    Path input = threeWithdrawals();
    // What the seed's design answers when the three withdrawals come at once: all pass.
    Path overdrawn =
        Files.writeString(
            dir.resolve("overdrawn.json"),
            IntStream.rangeClosed(1, 3)
                .mapToObj(
                    i ->
                        "{\"id\": "
                            + i
                            + ", \"recv\": [{\"interface\": \"withdraw\", \"branch\": "
                            + i
                            + ", \"result\": \"success\"}]}")
                .collect(Collectors.joining(",\n", "[\n", "\n]\n")));

    CliRun verify =
        CliRun.of("verify", input.toString(), overdrawn.toString(), "--guarantees", "strong");

    assertEquals(3, verify.exitCode(), verify.out());
    assertTrue(verify.out().contains("no overdraw: 3 of 3 branches end below zero"), verify.out());
  }

  @Test
  void strongsCoordinatorIsInTheTraceAndTheDiagram() throws Exception {
    Path trace = dir.resolve("strong.trace.jsonl");
    CliRun run =
        run(
            threeWithdrawals(),
            "--propagation",
            "strong",
            "--concurrent",
            "--trace",
            trace.toString());
    assertEquals(0, run.exitCode(), run.err());

    List<TraceEvent> events = TraceReader.read(trace);
    // One applied withdrawal: prepared and committed at the two other branches; two declined.
    for (Rpc phase : List.of(Rpc.PREPARE, Rpc.COMMIT)) {
      assertEquals(
          2,
          events.stream().filter(e -> e.rpc() == phase && e.kind() == TraceEvent.Kind.RECV).count(),
          phase.wireName());
    }
    assertEquals(
        2,
        events.stream()
            .filter(e -> e.rpc() == Rpc.ORDER && e.kind() == TraceEvent.Kind.SEND)
            .count(),
        "branches 2 and 3 hand their writes to branch 1");
    Path page = dir.resolve("strong.html");
    assertEquals(0, CliRun.of("diagram", trace.toString(), "-o", page.toString()).exitCode());
    assertTrue(Files.readString(page).contains("Prepare"));
  }

  @RepeatedTest(20)
  void strongKeepsEveryBalanceCoveredWithCustomersMixingWritesAtOnce() throws Exception {
    StringBuilder json = new StringBuilder("[\n");
    for (int b = 1; b <= 4; b++) {
      json.append("{\"id\": ").append(b).append(", \"type\": \"branch\", \"balance\": 50},\n");
    }
    for (int c = 1; c <= 20; c++) {
      int customer = c;
      json.append("{\"id\": ")
          .append(c)
          .append(", \"type\": \"customer\", \"events\": [")
          .append(
              IntStream.rangeClosed(1, 6)
                  .mapToObj(
                      e ->
                          "{\"interface\": \""
                              + ((customer + e) % 3 == 0 ? "deposit" : "withdraw")
                              + "\", \"money\": "
                              + (10 + (customer * e) % 30)
                              + ", \"branch\": "
                              + ((customer + e) % 4 + 1)
                              + "}")
                  .collect(Collectors.joining(", ")))
          .append(c < 20 ? "]},\n" : "]}\n]\n");
    }
    Path input = write("mixed.json", json.toString());

    CliRun run = run(input, "--propagation", "strong", "--concurrent", "--verbose");

    assertEquals(0, run.exitCode(), run.err());
    String line = run.errLines().get(0);
    assertTrue(line.matches("bank-sim: final balance \\d+ at all 4 branches"), line);
  }

  /** The write customer 1's event {@code request} became, from its branch's receive. */
  private static String operationAt(List<TraceEvent> events, long request) {
    return events.stream()
        .filter(e -> e.kind() == TraceEvent.Kind.RECV && e.rpc() == Rpc.MSG_DELIVERY)
        .filter(e -> e.request() != null && e.request() == request && e.op() != null)
        .map(ConsistencyTest::write)
        .findFirst()
        .orElseThrow();
  }

  /** The writes branch {@code id} applied, in the order it applied them. */
  private static List<String> appliedAt(List<TraceEvent> events, int id) {
    return events.stream()
        .filter(e -> e.kind() == TraceEvent.Kind.RECV && e.to().equals(Participant.branch(id)))
        .filter(e -> e.op() != null && e.clock() != null)
        .map(ConsistencyTest::write)
        .toList();
  }

  /** A write's name: operation ids are unique per origin branch only. */
  private static String write(TraceEvent received) {
    Participant origin = received.rpc() == Rpc.MSG_DELIVERY ? received.to() : received.from();
    return origin + "#" + received.op();
  }
}
