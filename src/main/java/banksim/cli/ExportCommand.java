package banksim.cli;

import banksim.diagram.ShiVizLog;
import banksim.launch.ExitCode;
import banksim.launch.Failure;
import banksim.output.OutputFile;
import banksim.run.InputFiles;
import banksim.run.Outputs;
import banksim.trace.TraceEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bank-sim export --shiviz TRACE -o FILE}: a traced run as a ShiViz log. */
@Command(
    name = "export",
    header = "Writes a trace as a ShiViz log, with vector clocks.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Writes a trace (from --trace) as a ShiViz log: the parsing regex on the first line,",
      "then a line per send and receive with its process and vector clock, computed from",
      "the trace's sends and receives. Open it at https://bestchai.bitbucket.io/shiviz/."
    },
    footerHeading = "%nExample:%n",
    footer = "  java -jar target/bank-sim.jar export --shiviz seed.trace.jsonl -o seed.shiviz.log")
final class ExportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TRACE", description = "a trace file written by --trace")
  private Path trace;

  /** The one format so far; required, so that the command line says which it writes. */
  @Option(names = "--shiviz", required = true, description = "write a ShiViz log")
  void shiviz(boolean unused) {}

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "the log file to write")
  private Path output;

  @Override
  public Integer call() throws Failure {
    OutputFile file = Outputs.writable(output);
    List<TraceEvent> events = InputFiles.trace(trace);
    Outputs.write(file, ShiVizLog.write(events));
    return ExitCode.OK;
  }
}
