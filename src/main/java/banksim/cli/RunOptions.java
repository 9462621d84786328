package banksim.cli;

import banksim.run.RunSettings;
import picocli.CommandLine.Option;

/** How the customers run: one after another, or all at once; and what to say at the end. */
final class RunOptions {
  @Option(
      names = "--concurrent",
      description =
          "run all customers at once (each one's events in order); then check that"
              + " the replicas agree. The output is then not deterministic")
  boolean concurrent;

  @Option(
      names = {"-v", "--verbose"},
      description = "print the final balance of the branches on standard error")
  boolean verbose;

  RunSettings settings() {
    return new RunSettings(concurrent, verbose);
  }
}
