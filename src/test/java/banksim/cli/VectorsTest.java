package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import banksim.input.BranchSpec;
import banksim.input.InputParser;
import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import banksim.testing.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared vector, through real Netty servers on loopback, byte for byte. */
class VectorsTest {
  @TempDir Path dir;

  static List<Vectors.Output> vectors() {
    return Vectors.outputs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void writesTheExpectedBytes(Vectors.Output vector) throws Exception {
    Path output = dir.resolve("output.json");
    List<String> args = new ArrayList<>(List.of(vector.input().toString(), "-q", "-o",
        output.toString(), "--base-port", Integer.toString(freeBaseFor(vector.input()))));
    args.addAll(vector.layoutArgs());

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertEquals("", run.err());
    assertEquals(0, run.exitCode());
    assertEquals("", run.out());
    assertArrayEquals(Files.readAllBytes(vector.expected()), Files.readAllBytes(output),
        () -> "output of " + vector + " differs from the expected bytes");
    assertEquals(List.of(output), Files.list(dir).toList(), "no temporary file is left behind");
  }

  @Test
  void printsOneCompactLinePerCustomer() throws Exception {
    Path input = Vectors.input("course-p1");

    CliRun run = CliRun.of(input.toString(), "-o", dir.resolve("out.json").toString(),
        "--base-port", Integer.toString(freeBaseFor(input)));

    assertEquals(0, run.exitCode());
    assertEquals("""
        {"id": 1, "recv": [{"interface": "query", "balance": 400}]}
        {"id": 2, "recv": [{"interface": "deposit", "result": "success"}, {"interface": "query", "balance": 570}]}
        {"id": 3, "recv": [{"interface": "withdraw", "result": "success"}, {"interface": "query", "balance": 500}]}
        """, run.out());
  }

  @Test
  void dashWritesTheOutputToStandardOutputOnly() throws Exception {
    Path input = Vectors.input("routed-p3");

    CliRun run = CliRun.of(input.toString(), "-o", "-",
        "--base-port", Integer.toString(freeBaseFor(input)));

    assertEquals(0, run.exitCode());
    assertEquals(Files.readString(Vectors.expected("routed-p3")), run.out());
  }

  static int freeBaseFor(Path input) throws Exception {
    return FreePorts.baseFor(new InputParser(0).parse(input).branches().stream()
        .map(BranchSpec::id).toList());
  }
}
