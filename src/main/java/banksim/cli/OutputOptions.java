package banksim.cli;

import banksim.input.BankInput;
import banksim.output.CustomerRecv;
import banksim.output.Layout;
import banksim.output.OutputFile;
import banksim.output.OutputJson;
import banksim.output.ReportJson;
import banksim.output.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the customers' output and the statistics go, and how: -o, --layout, --quiet, --stats. */
final class OutputOptions {
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "output.json",
      description = "where to write the output; - for standard output (default: ${DEFAULT-VALUE})")
  String output;

  @Option(names = "--layout", paramLabel = "LAYOUT",
      converter = LayoutConverter.class, completionCandidates = LayoutConverter.Names.class,
      description = "customer (a record per customer), event (a record per event, with its"
          + " branch) or balance (each customer's last query); default: event where the input"
          + " routes events with \"branch\" or \"dest\", else customer")
  Layout layout;

  @Option(names = "--stats", paramLabel = "FILE",
      description = "write timings, latencies and resource use of the run as JSON")
  Path stats;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "write every message of the run as JSON Lines (see 'diagram')")
  Path trace;

  @Option(names = {"-q", "--quiet"}, description = "do not print the customers' lines")
  boolean quiet;

  private OutputFile outputFile;
  private OutputFile statsFile;

  /** Checks, before anything starts, that the output and stats files can be written. */
  void prepare() throws CommandFailure {
    outputFile = output.equals("-") ? null : checked(Path.of(output));
    statsFile = stats == null ? null : checked(stats);
  }

  boolean wantsStats() {
    return stats != null;
  }

  /**
   * Writes the stats file (if asked), the output file (or standard output with -o -) and the
   * customers' lines on standard output (unless quiet, or the output went there).
   */
  void write(BankInput input, List<CustomerRecv> received, RunReport report, PrintStream out)
      throws CommandFailure {
    if (statsFile != null) {
      write(statsFile, ReportJson.write(report));
    }
    Layout chosen = layout != null ? layout : Layout.defaultFor(input);
    String json = OutputJson.pretty(received, chosen);
    if (outputFile == null) {
      out.print(json);
      out.flush();
      return;
    }
    write(outputFile, json);
    if (!quiet) {
      out.print(OutputJson.compactLines(received, chosen));
      out.flush();
    }
  }

  private static OutputFile checked(Path path) throws CommandFailure {
    OutputFile file = new OutputFile(path);
    try {
      file.checkWritable();
    } catch (IOException e) {
      throw CommandFailure.invalid(e.getMessage(), e);
    }
    return file;
  }

  private static void write(OutputFile file, String content) throws CommandFailure {
    try {
      file.write(content);
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
