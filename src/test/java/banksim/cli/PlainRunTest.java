package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The main job's usual command lines are read by hand exactly as picocli reads them. */
@Tag("unit")
class PlainRunTest {
  private static final Set<String> SUBCOMMANDS = Set.of("gen", "verify", "serve");
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;

  @Test
  void readsTheUsualFormsAsPicocliDoes() {
    for (List<String> args :
        List.of(
            List.of("input/seed.json"),
            List.of("in.json", "-o", "out.json"),
            List.of("-q", "in.json", "--output", "-"),
            List.of("--quiet", "in.json", "-o", "o.json", "--stats", "s.json"),
            List.of("in.json", "--base-port", "20000", "--processes"),
            List.of("--processes", "--base-port", "70000", "in.json"),
            List.of("in.json", "--base-port", "02100"))) {
      String[] argv = args.toArray(String[]::new);
      Optional<RunCommand> byHand = PlainRun.parse(argv, SUBCOMMANDS, out, err);
      if (args.contains("-")) {
        assertTrue(byHand.isEmpty(), "a value like an option is left to picocli: " + args);
        continue;
      }
      assertTrue(byHand.isPresent(), "read by hand: " + args);
      RunCommand byPicocli = new RunCommand(out, err);
      new CommandLine(byPicocli).parseArgs(argv);
      assertEquals(describe(byPicocli), describe(byHand.get()), String.join(" ", args));
    }
  }

  @Test
  void anythingElseIsLeftToPicocli() {
    for (List<String> args :
        List.of(
            List.<String>of(),
            List.of("-q"),
            List.of("--help"),
            List.of("in.json", "--debug"),
            List.of("in.json", "other.json"),
            List.of("in.json", "-o", "a.json", "-o", "b.json"),
            List.of("in.json", "-q", "--quiet"),
            List.of("in.json", "-o"),
            List.of("in.json", "--output=out.json"),
            List.of("in.json", "-qv"),
            List.of("in.json", "--base-port", "0x10"),
            List.of("in.json", "--base-port", "-1"),
            List.of("@args.txt"),
            List.of(""),
            List.of("-q", "verify", "out.json"),
            List.of("in.json", "-o", "verify"),
            List.of("in.json", "--stats", "gen"),
            List.of("--", "in.json"),
            List.of("in.json", "--base-port", "021000"),
            List.of("in.json", "--layout", "event"))) {
      assertTrue(
          PlainRun.parse(args.toArray(String[]::new), SUBCOMMANDS, out, err).isEmpty(),
          "left to picocli: " + args);
    }
  }

  @Test
  void aPicocliParsingPropertyLeavesEveryLineToPicocli() {
    System.setProperty("picocli.trimQuotes", "true");
    try {
      assertTrue(
          PlainRun.parse(new String[] {"\"in.json\""}, SUBCOMMANDS, out, err).isEmpty(),
          "picocli would trim the quotes");
    } finally {
      System.clearProperty("picocli.trimQuotes");
    }
  }

  /** Everything a run takes from its command line, as text. */
  private static String describe(RunCommand command) {
    OutputOptions o = command.outputs;
    return String.join(
        "|",
        String.valueOf(command.input),
        String.valueOf(command.processes),
        String.valueOf(command.restartOnCrash),
        o.output,
        String.valueOf(o.layout),
        String.valueOf(o.stats),
        String.valueOf(o.trace),
        String.valueOf(o.quiet),
        String.valueOf(o.clocks),
        String.valueOf(command.runOptions.settings()),
        String.valueOf(command.addresses.asArguments()),
        String.valueOf(command.tls.asArguments()));
  }
}
