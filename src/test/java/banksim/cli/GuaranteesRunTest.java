package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import banksim.testing.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code verify --guarantees} on the outputs and traces of real (synchronous) runs. */
@Tag("grpc")
class GuaranteesRunTest {
  @TempDir Path dir;

  /** Runs the vector with --trace (and the extra options); returns the output and the trace. */
  private Path[] run(String vector, String... options) throws Exception {
    Path input = Vectors.input(vector);
    Path output = dir.resolve(vector + ".out.json");
    Path trace = dir.resolve(vector + ".trace.jsonl");
    List<String> args =
        new ArrayList<>(
            List.of(
                input.toString(),
                "-q",
                "-o",
                output.toString(),
                "--trace",
                trace.toString(),
                "--base-port",
                FreePorts.base(input)));
    args.addAll(List.of(options));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    return new Path[] {output, trace};
  }

  private static int count(String out, String check) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(check) + ": (\\d+) ").matcher(out);
    assertTrue(m.find(), check + " in " + out);
    return Integer.parseInt(m.group(1));
  }

  /** A synchronous run keeps every guarantee: its output, its trace and the course's rule. */
  @ParameterizedTest
  @ValueSource(strings = {"routed-p3", "dest-routed", "random-routed-12"})
  void aSequentialRunKeepsEveryGuarantee(String vector) throws Exception {
    Path[] run = run(vector);

    CliRun verify =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw,mw",
            "--course-p3",
            "--trace",
            run[1].toString(),
            Vectors.input(vector).toString(),
            run[0].toString());

    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertTrue(verify.out().startsWith("ok: ryw,mw hold: "), verify.out());
    assertEquals(5, verify.out().lines().count(), verify.out());
    int queries = count(verify.out(), "ryw");
    assertTrue(queries > 0, verify.out());
    assertEquals(queries, count(verify.out(), "ryw (trace)"), verify.out());
    // routed-p3's customers write successfully once each: no pair to order.
    assertEquals(vector.equals("routed-p3"), count(verify.out(), "mw") == 0, verify.out());
    assertTrue(verify.out().contains("\ncourse rule: "), verify.out());
  }

  /**
   * Customers at once, each writing at several branches: synchronous propagation still keeps ryw
   * and mw (the course's rule may fail: another customer's write may fall between two queries).
   */
  @ParameterizedTest
  @ValueSource(strings = {"random-routed-12", "random-30x30"})
  void aConcurrentRunKeepsReadYourWritesAndMonotonicWrites(String vector) throws Exception {
    Path[] run = run(vector, "--concurrent");

    CliRun verify =
        CliRun.of(
            "verify",
            "--guarantees",
            "ryw,mw",
            "--trace",
            run[1].toString(),
            Vectors.input(vector).toString(),
            run[0].toString());

    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertTrue(count(verify.out(), "ryw (trace)") > 0, verify.out());
    assertTrue(verify.out().contains("\nmw: "), verify.out());
  }
}
