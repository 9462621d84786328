package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.input.BankInput;
import banksim.input.InputJson;
import banksim.model.ReferenceBank;
import banksim.output.Layout;
import banksim.output.OutputJson;
import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import banksim.workload.WorkloadGenerator;
import banksim.workload.WorkloadSpec;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 100 branches in one JVM: the output the reference model expects, with bounded resources. */
@Tag("grpc")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScaleTest {
  private static final int BRANCHES = 100;

  @TempDir Path dir;

  private static long openFileDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void hundredBranchesMatchTheReferenceModel() throws Exception {
    BankInput bank =
        new WorkloadGenerator(new WorkloadSpec(BRANCHES, BRANCHES, 4, 2024, 1000, 0.2)).generate();
    Path input = Files.writeString(dir.resolve("100.json"), InputJson.write(bank));
    Path output = dir.resolve("output.json");
    Path stats = dir.resolve("stats.json");
    int base = FreePorts.baseFor(IntStream.rangeClosed(1, BRANCHES).boxed().toList());

    long fdsBefore = openFileDescriptors();

    CliRun run =
        CliRun.of(
            input.toString(),
            "-q",
            "-o",
            output.toString(),
            "--stats",
            stats.toString(),
            "--base-port",
            Integer.toString(base));

    assertEquals("", run.err());
    assertEquals(0, run.exitCode());
    assertEquals(
        OutputJson.pretty(ReferenceBank.run(bank), Layout.defaultFor(bank)),
        Files.readString(output));

    JsonObject report = JsonParser.parseString(Files.readString(stats)).getAsJsonObject();
    assertEquals(BRANCHES, report.get("branches").getAsInt());
    assertEquals(bank.eventCount(), report.get("events").getAsInt());
    int timed =
        report.getAsJsonObject("latency_us").entrySet().stream()
            .mapToInt(e -> e.getValue().getAsJsonObject().get("count").getAsInt())
            .sum();
    assertEquals(bank.eventCount(), timed);
    // One listening socket, one client and one accepted connection per branch, plus a few per
    // event loop (one loop per core); what the test JVM had open before (jars of earlier tests)
    // does not count.
    int loops = Runtime.getRuntime().availableProcessors();
    long fds = report.get("open_fds").getAsInt() - fdsBefore;
    assertTrue(
        fds >= 3 * BRANCHES && fds < 3 * BRANCHES + 50 + 4 * loops,
        "open fds of the run: " + fds + " with " + loops + " event loops");
    // The threads are per core, not per branch or per channel.
    int threads = report.get("threads").getAsInt();
    assertTrue(threads < 50 + loops, "threads: " + threads + " with " + loops + " event loops");
  }
}
