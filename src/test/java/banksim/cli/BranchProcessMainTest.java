package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A branch process reads the launcher's arguments by hand, as picocli would read them. */
@Tag("unit")
class BranchProcessMainTest {
  private final PrintStream err = System.err;

  /** What the launcher writes: picocli's reading of a user's options, written back out. */
  private static List<String> launcherArguments(String... userOptions) {
    RunCommandOptions user = new RunCommandOptions();
    new CommandLine(user).parseArgs(userOptions);
    List<String> arguments = new ArrayList<>(List.of("branch", "/in/put.json", "--id", "3"));
    arguments.addAll(user.addresses.asArguments());
    arguments.addAll(user.tls.asArguments());
    arguments.addAll(List.of("--trace", "/t/part-3.jsonl", "--trace-origin-us", "42", "--fresh"));
    return arguments;
  }

  /** The options a run shares with its branch processes, alone. */
  @CommandLine.Command
  static final class RunCommandOptions {
    @CommandLine.Mixin AddressOptions addresses;
    @CommandLine.Mixin TlsOption tls;
  }

  @Test
  void readsWhatTheLauncherWritesAsPicocliDoes() {
    List<String> arguments =
        launcherArguments(
            "--bind",
            "127.0.0.2",
            "--base-port",
            "21000",
            "--deadline-ms",
            "700",
            "--retries",
            "5",
            "--tls",
            "/certs");
    BranchCommand byPicocli = new BranchCommand(new ErrorReport(err), err);
    new CommandLine(byPicocli)
        .parseArgs(arguments.subList(1, arguments.size()).toArray(String[]::new));

    Optional<BranchCommand> byHand =
        BranchProcessMain.parse(arguments.toArray(String[]::new), new ErrorReport(err), err);

    assertTrue(byHand.isPresent(), "read by hand: " + arguments);
    BranchCommand parsed = byHand.get();
    assertEquals(byPicocli.id(), parsed.id());
    assertEquals(byPicocli.input, parsed.input);
    assertEquals(byPicocli.addresses.asArguments(), parsed.addresses.asArguments());
    assertEquals(byPicocli.tls.asArguments(), parsed.tls.asArguments());
    assertEquals(byPicocli.trace, parsed.trace);
    assertEquals(byPicocli.traceOriginUs, parsed.traceOriginUs);
    assertEquals(byPicocli.fresh, parsed.fresh);
    assertEquals(Path.of("/t/part-3.jsonl"), parsed.trace);
  }

  @Test
  void anythingElseIsLeftToPicocli() {
    ErrorReport errors = new ErrorReport(err);
    for (List<String> other :
        List.of(
            List.of("serve", "/in/put.json"),
            List.of("branch", "/in/put.json", "--id", "3"),
            List.of("branch", "/in/put.json", "--id", "x", "--base-port", "1"),
            List.of("branch", "--help"),
            launcherWith("--debug"))) {
      assertTrue(
          BranchProcessMain.parse(other.toArray(String[]::new), errors, err).isEmpty(),
          "left to picocli: " + other);
    }
  }

  private static List<String> launcherWith(String extra) {
    List<String> arguments = new ArrayList<>(launcherArguments());
    arguments.add(extra);
    return arguments;
  }
}
