package banksim.cli;

import banksim.input.BankInput;
import banksim.launch.Failure;
import banksim.output.Layout;
import banksim.run.Outputs;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the customers' output and the statistics go, and how: -o, --layout, --quiet, --stats. */
final class OutputOptions {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = "output.json",
      description = "where to write the output; - for standard output (default: ${DEFAULT-VALUE})")
  String output;

  @Option(
      names = "--layout",
      paramLabel = "LAYOUT",
      converter = LayoutConverter.class,
      completionCandidates = LayoutConverter.Names.class,
      description =
          "customer (a record per customer), event (a record per event, with its"
              + " branch) or balance (each customer's last query); default: event where the input"
              + " routes events with \"branch\" or \"dest\", else customer")
  Layout layout;

  @Option(
      names = "--stats",
      paramLabel = "FILE",
      description = "write timings, latencies and resource use of the run as JSON")
  Path stats;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description = "write every message of the run as JSON Lines (see 'diagram')")
  Path trace;

  @Option(
      names = {"-q", "--quiet"},
      description = "do not print the customers' lines")
  boolean quiet;

  @Option(
      names = "--clocks",
      description =
          "write the Project 2 event logs (Lamport clocks) instead of the answers: all events to"
              + " the output, customer_events.json and branch_events.json beside it; a"
              + " \"customer-requests\" input always does")
  boolean clocks;

  /** The outputs for this input, checked to be writable before anything starts. */
  Outputs outputs(BankInput input) throws Failure {
    return new Outputs(output, layout, quiet, stats, clocks || input.projectTwo(), false);
  }

  /** The same where the branches run elsewhere: answers, plus the customers' log. */
  Outputs remoteOutputs(BankInput input) throws Failure {
    return new Outputs(output, layout, quiet, stats, clocks || input.projectTwo(), true);
  }

  /** Whether the branches of a run trace their messages: for a trace, or for the event logs. */
  boolean tracesBranches(BankInput input) {
    return trace != null || clocks || input.projectTwo();
  }
}
