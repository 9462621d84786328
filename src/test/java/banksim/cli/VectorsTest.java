package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.input.InputParser;
import banksim.testing.CliRun;
import banksim.testing.Dirs;
import banksim.testing.FreePorts;
import banksim.testing.Vectors;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared vector, through real Netty servers on loopback, byte for byte. */
@Tag("grpc")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VectorsTest {
  @TempDir Path dir;

  static List<Vectors.Output> vectors() {
    return Vectors.outputs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void writesTheExpectedBytes(Vectors.Output vector) throws Exception {
    Path output = dir.resolve("output.json");
    List<String> args =
        new ArrayList<>(
            List.of(
                vector.input().toString(),
                "-q",
                "-o",
                output.toString(),
                "--base-port",
                Integer.toString(FreePorts.baseFor(vector.input()))));
    args.addAll(vector.layoutArgs());

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertEquals("", run.err());
    assertEquals(0, run.exitCode());
    assertEquals("", run.out());
    assertArrayEquals(
        Files.readAllBytes(vector.expected()),
        Files.readAllBytes(output),
        () -> "output of " + vector + " differs from the expected bytes");
    assertEquals(List.of(output), Dirs.entries(dir), "no temporary file is left behind");
  }

  @Test
  void printsOneCompactLinePerCustomer() throws Exception {
    Path input = Vectors.input("course-p1");

    CliRun run =
        CliRun.of(
            input.toString(),
            "-o",
            dir.resolve("out.json").toString(),
            "--base-port",
            Integer.toString(FreePorts.baseFor(input)));

    assertEquals(0, run.exitCode());
    assertEquals(
        """
        {"id": 1, "recv": [{"interface": "query", "balance": 400}]}
        {"id": 2, "recv": [{"interface": "deposit", "result": "success"}, {"interface": "query", "balance": 570}]}
        {"id": 3, "recv": [{"interface": "withdraw", "result": "success"}, {"interface": "query", "balance": 500}]}
        """,
        run.out());
  }

  @Test
  void dashWritesTheOutputToStandardOutputOnly() throws Exception {
    Path input = Vectors.input("routed-p3");

    CliRun run =
        CliRun.of(
            input.toString(), "-o", "-", "--base-port", Integer.toString(FreePorts.baseFor(input)));

    assertEquals(0, run.exitCode());
    assertEquals(Files.readString(Vectors.expected("routed-p3")), run.out());
  }

  static List<String> routedVectors() throws Exception {
    List<String> routed = new ArrayList<>();
    for (String name : Vectors.names()) {
      if (new InputParser(0).parse(Vectors.input(name)).routed()) {
        routed.add(name);
      }
    }
    return routed;
  }

  /**
   * The course's Project 3 checker reads {@code recv[0]["branch"]} of every record, and wants
   * consecutive queries to agree: with no write between them, two queries read the same balance at
   * whichever branches they ask (every replica caught up before the next event).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("routedVectors")
  void routedRunsPassTheCourseCheckersRule(String name) throws Exception {
    Path input = Vectors.input(name);

    CliRun run =
        CliRun.of(
            input.toString(), "-o", "-", "--base-port", Integer.toString(FreePorts.baseFor(input)));

    assertEquals(0, run.exitCode(), run.err());
    JsonArray records = JsonParser.parseString(run.out()).getAsJsonArray();
    Long lastQuery = null;
    int queries = 0;
    for (JsonElement record : records) {
      JsonArray recv = record.getAsJsonObject().getAsJsonArray("recv");
      assertEquals(1, recv.size(), "one event per record: " + record);
      JsonObject entry = recv.get(0).getAsJsonObject();
      assertTrue(entry.get("branch").getAsInt() >= 1, "every entry names its branch: " + entry);
      if (entry.get("interface").getAsString().equals("query")) {
        long balance = entry.get("balance").getAsLong();
        if (lastQuery != null) {
          assertEquals(lastQuery, balance, "consecutive queries disagree at " + record);
        }
        lastQuery = balance;
        queries++;
      } else if (entry.get("result").getAsString().equals("success")) {
        lastQuery = null; // a write between two queries may change what they read
      }
    }
    assertTrue(queries > 0, name + " has queries to check");
  }

  static List<String> projectTwoNames() {
    return Vectors.projectTwoNames();
  }

  /** Project 2: the three logs byte for byte (--clocks is harmless on customer-requests inputs). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("projectTwoNames")
  void projectTwoRunsWriteTheThreeLogs(String name) throws Exception {
    Path input = Vectors.dir().resolve("p2").resolve(name + ".json");
    Path output = dir.resolve("output.json");

    CliRun run =
        CliRun.of(
            input.toString(),
            "--clocks",
            "-o",
            output.toString(),
            "--base-port",
            Integer.toString(FreePorts.baseFor(input)));

    assertEquals("", run.err());
    assertEquals(0, run.exitCode());
    assertEquals("", run.out());
    Vectors.assertProjectTwoLogs(name, dir, output);
    assertEquals(
        List.of(dir.resolve("branch_events.json"), dir.resolve("customer_events.json"), output),
        Dirs.entries(dir),
        "the three files and nothing else");
  }
}
