package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.FreePorts;
import banksim.testing.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SPEC section 8 with a process per branch, and with branch processes and customers apart. */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsistencyIT {
  @TempDir Path dir;

  private Path sample(String name) throws Exception {
    return Files.copy(Path.of("input", name), dir.resolve(name));
  }

  private String run(List<String> args) throws Exception {
    Process process =
        new ProcessBuilder(JarProcess.command(args.toArray(String[]::new)))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished: " + args);
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve("stderr.txt")));
    return Files.readString(dir.resolve("out.json"));
  }

  /** Runs INPUT with --processes and these options into out.json; returns what it wrote. */
  private String withProcesses(Path input, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of(input.toString(), "--processes"));
    args.addAll(List.of(options));
    args.addAll(
        List.of(
            "-q", "-o", dir.resolve("out.json").toString(), "--base-port", FreePorts.base(input)));
    return run(args);
  }

  @Test
  void readYourWritesWithAProcessPerBranch() throws Exception {
    Path input = sample("consistency.json");
    String out =
        withProcesses(input, "--propagation", "async", "--delay-ms", "300", "--guarantees", "ryw");

    assertTrue(out.contains("\"balance\": 400"), out);
  }

  @Test
  void strongNeverOverdrawsWithAProcessPerBranch() throws Exception {
    Path input = sample("overdraw.json");
    String out = withProcesses(input, "--propagation", "strong", "--concurrent");

    assertEquals(1, out.split("\"success\"", -1).length - 1, out);
  }

  @Test
  void branchProcessesAndCustomersApartKeepTheGuarantee() throws Exception {
    Path input = sample("consistency.json");
    String base = FreePorts.base(input);
    List<Process> branches = new ArrayList<>();
    try {
      for (int id = 1; id <= 2; id++) {
        Process branch =
            new ProcessBuilder(
                    JarProcess.command(
                        "branch",
                        input.toString(),
                        "--id",
                        Integer.toString(id),
                        "--base-port",
                        base,
                        "--propagation",
                        "async",
                        "--delay-ms",
                        "300"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        branches.add(branch);
        JarProcess.firstLine(branch, "bank-sim: ready").get(60, TimeUnit.SECONDS);
      }

      String out =
          run(
              List.of(
                  "customers",
                  input.toString(),
                  "--base-port",
                  base,
                  "--guarantees",
                  "ryw",
                  "-q",
                  "-o",
                  dir.resolve("out.json").toString()));

      assertTrue(out.contains("\"balance\": 400"), out);
    } finally {
      for (Process branch : branches) {
        branch.destroy();
        branch.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
