package banksim.cli;

import banksim.diagram.SpaceTimeDiagram;
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

/** {@code bank-sim diagram TRACE -o FILE.html}: a space-time diagram of a traced run. */
@Command(
    name = "diagram",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Draws a trace as a space-time diagram on one HTML page.",
    description = {
      "Draws a trace (from --trace) as one self-contained HTML page: a space-time diagram",
      "with a line per branch and per customer, time left to right and an arrow per",
      "message, and a table of message counts per RPC and per branch."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  java -jar target/bank-sim.jar input/seed.json --trace seed.trace.jsonl",
      "  java -jar target/bank-sim.jar diagram seed.trace.jsonl -o seed.html"
    })
final class DiagramCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TRACE", description = "a trace file written by --trace")
  private Path trace;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "the HTML file to write")
  private Path output;

  @Option(
      names = "--by",
      paramLabel = "AXIS",
      defaultValue = "time",
      description =
          "time: events left to right in the order they happened; clock: by their Lamport"
              + " clocks, Lamport's own picture (default: ${DEFAULT-VALUE})")
  private String axis;

  @Option(names = "--clocks", description = "label every message with its send and receive clocks")
  private boolean clockLabels;

  @Override
  public Integer call() throws Failure {
    if (!axis.equals("time") && !axis.equals("clock")) {
      throw Failure.usage("--by must be time or clock, got '" + axis + "'");
    }
    OutputFile file = Outputs.writable(output);
    List<TraceEvent> events = InputFiles.trace(trace);
    SpaceTimeDiagram.Style style = new SpaceTimeDiagram.Style(axis.equals("clock"), clockLabels);
    Outputs.write(file, SpaceTimeDiagram.html(events, "bank-sim: " + trace.getFileName(), style));
    return ExitCode.OK;
  }
}
