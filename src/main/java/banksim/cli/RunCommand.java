package banksim.cli;

import banksim.cluster.ClusterConfig;
import banksim.cluster.EventTimes;
import banksim.cluster.LocalBank;
import banksim.cluster.PortInUseException;
import banksim.cluster.Progress;
import banksim.cluster.RunFailedException;
import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import banksim.output.CustomerRecv;
import banksim.output.OutputFile;
import banksim.output.OutputJson;
import banksim.output.ReportJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The main job: run every customer of INPUT against a bank of gRPC branches in this JVM. */
@Command(
    name = "bank-sim",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs the gRPC distributed bank of INPUT: one gRPC server per branch on port",
      "--base-port + id, every write propagated to all other branches, the customers'",
      "events sent one by one. Writes what the customers received as JSON."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  java -jar target/bank-sim.jar input/seed.json",
      "      writes output.json and prints one line per customer.",
      "",
      "Exit codes: 0 done, 1 runtime failure (port in use, branch not answering),",
      "2 usage error or invalid input (nothing started, no output written)."
    })
final class RunCommand implements Callable<Integer> {
  static final int MAX_BASE_PORT = InputParser.MAX_PORT - 1;

  // Optional for picocli only, so that "bank-sim gen ..." needs no INPUT; call() requires it.
  @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "the input JSON file")
  private Path input;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "output.json",
      description = "where to write the output; - for standard output (default: ${DEFAULT-VALUE})")
  private String output;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "the address the branches listen on (default: ${DEFAULT-VALUE})")
  private String bind;

  @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "50000",
      description = "branch N listens on PORT + N (default: ${DEFAULT-VALUE})")
  private int basePort;

  @Option(names = "--deadline-ms", paramLabel = "MS", defaultValue = "5000",
      description = "deadline of each propagation call; a customer's call gets twice that"
          + " (default: ${DEFAULT-VALUE})")
  private long deadlineMillis;

  @Option(names = "--stats", paramLabel = "FILE",
      description = "write timings, latencies and resource use of the run as JSON")
  private Path stats;

  @Option(names = {"-q", "--quiet"}, description = "do not print the customers' lines")
  private boolean quiet;

  @Option(names = "--debug", description = "print stack traces with errors")
  private boolean debug;

  private final PrintStream out;
  private final ErrorReport errors;

  RunCommand(PrintStream out, ErrorReport errors) {
    this.out = out;
    this.errors = errors;
  }

  @Override
  public Integer call() throws InterruptedException {
    errors.setDebug(debug);
    try {
      ClusterConfig config = config();
      BankInput bank = readInput();
      OutputFile file = output.equals("-") ? null : checkedOutput(Path.of(output));
      OutputFile statsFile = stats == null ? null : checkedOutput(stats);
      List<CustomerRecv> received = run(bank, config, statsFile);
      writeOutput(received, file);
      ClassArchive.runCompleted();
      return ExitCode.OK;
    } catch (CommandFailure failure) {
      return failure.report(errors);
    }
  }

  private ClusterConfig config() throws CommandFailure {
    if (input == null) {
      throw CommandFailure.usage("Missing required parameter: 'INPUT'");
    }
    if (basePort < 0 || basePort > MAX_BASE_PORT) {
      throw CommandFailure.usage("--base-port must be from 0 to " + MAX_BASE_PORT + ", got " + basePort);
    }
    if (deadlineMillis < 1) {
      throw CommandFailure.usage("--deadline-ms must be at least 1, got " + deadlineMillis);
    }
    try {
      return new ClusterConfig(InetAddress.getByName(bind), basePort, deadlineMillis,
          ClusterConfig.DEFAULT_READY_TIMEOUT_MILLIS);
    } catch (UnknownHostException e) {
      throw CommandFailure.usage(
          "--bind: cannot resolve '" + bind + "'; give an IP address such as 127.0.0.1");
    }
  }

  private BankInput readInput() throws CommandFailure {
    try {
      return new InputParser(basePort).parse(input);
    } catch (InvalidInputException e) {
      throw CommandFailure.invalid(input + ": " + e.getMessage(), e);
    }
  }

  private static OutputFile checkedOutput(Path path) throws CommandFailure {
    OutputFile file = new OutputFile(path);
    try {
      file.checkWritable();
    } catch (IOException e) {
      throw CommandFailure.invalid(e.getMessage(), e);
    }
    return file;
  }

  private List<CustomerRecv> run(BankInput bank, ClusterConfig config, OutputFile statsFile)
      throws CommandFailure, InterruptedException {
    TerminalProgress terminal = TerminalProgress.forStderr();
    EventTimes times = new EventTimes();
    Progress progress = statsFile == null ? terminal : Progress.both(terminal, times);
    RunStatistics statistics = new RunStatistics(bank);
    List<CustomerRecv> received;
    try (LocalBank running = LocalBank.start(bank, config, progress)) {
      statistics.ready();
      received = running.runCustomers(progress);
      statistics.customersDone();
    } catch (PortInUseException e) {
      throw CommandFailure.runtime(
          e.getMessage() + "; choose other ports with --base-port (now " + basePort + ")", e);
    } catch (RunFailedException e) {
      throw CommandFailure.runtime(e.getMessage(), e);
    } finally {
      terminal.clear();
    }
    if (statsFile != null) {
      writeFile(statsFile, ReportJson.write(statistics.report(times)));
    }
    return received;
  }

  private void writeOutput(List<CustomerRecv> received, OutputFile file) throws CommandFailure {
    String json = OutputJson.pretty(received);
    if (file == null) {
      out.print(json);
      out.flush();
      return;
    }
    writeFile(file, json);
    if (!quiet) {
      StringBuilder lines = new StringBuilder();
      received.forEach(customer -> lines.append(OutputJson.compactLine(customer)).append('\n'));
      out.print(lines);
      out.flush();
    }
  }

  private static void writeFile(OutputFile file, String content) throws CommandFailure {
    try {
      file.write(content);
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
