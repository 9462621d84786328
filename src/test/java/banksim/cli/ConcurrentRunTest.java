package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 20 customers x 25 deposits at once, on 4 branches: no update is lost, ever. */
@Tag("grpc")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrentRunTest {
  private static final int BRANCHES = 4;
  private static final int CUSTOMERS = 20;
  private static final int DEPOSITS = 25;
  private static final long INITIAL = 1_000;

  @TempDir static Path dir;
  private static Path input;
  private static long total;

  @BeforeAll
  static void writeInput() throws Exception {
    StringBuilder json = new StringBuilder("[\n");
    for (int b = 1; b <= BRANCHES; b++) {
      json.append("{\"id\": ")
          .append(b)
          .append(", \"type\": \"branch\", \"balance\": ")
          .append(INITIAL)
          .append("},\n");
    }
    for (int c = 1; c <= CUSTOMERS; c++) {
      int customer = c;
      int branch = (c - 1) % BRANCHES + 1;
      String events =
          IntStream.rangeClosed(1, DEPOSITS)
              .mapToObj(
                  d ->
                      "{\"interface\": \"deposit\", \"money\": "
                          + (customer * 100 + d)
                          + ", \"branch\": "
                          + branch
                          + "}")
              .collect(Collectors.joining(", "));
      total += IntStream.rangeClosed(1, DEPOSITS).mapToLong(d -> customer * 100L + d).sum();
      json.append("{\"id\": ")
          .append(c)
          .append(", \"type\": \"customer\", \"events\": [")
          .append(events)
          .append("]}")
          .append(c < CUSTOMERS ? ",\n" : "\n");
    }
    input = Files.writeString(dir.resolve("concurrent.json"), json.append("]\n").toString());
  }

  @RepeatedTest(20)
  void everyBranchEndsAtTheInitialBalancePlusEveryDeposit() throws Exception {
    Path output = dir.resolve("out.json");
    int base = FreePorts.baseFor(IntStream.rangeClosed(1, BRANCHES).boxed().toList());

    CliRun run =
        CliRun.of(
            input.toString(),
            "--concurrent",
            "--verbose",
            "-q",
            "-o",
            output.toString(),
            "--base-port",
            Integer.toString(base));

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        List.of(
            "bank-sim: final balance " + (INITIAL + total) + " at all " + BRANCHES + " branches"),
        run.errLines());
    String written = Files.readString(output);
    assertEquals(CUSTOMERS * DEPOSITS, written.split("\"success\"", -1).length - 1);
    assertTrue(written.indexOf("\"id\": 1,") < written.indexOf("\"id\": 2,"), "input order");
  }
}
