package banksim.cli;

import banksim.cluster.ClusterConfig;
import banksim.cluster.LocalBank;
import banksim.cluster.PortInUseException;
import banksim.cluster.RunFailedException;
import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import banksim.output.CustomerRecv;
import banksim.output.OutputFile;
import banksim.output.OutputJson;
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
    if (input == null) {
      errors.usage("Missing required parameter: 'INPUT'");
      return ExitCode.USAGE;
    }
    if (basePort < 0 || basePort > MAX_BASE_PORT) {
      errors.usage("--base-port must be from 0 to " + MAX_BASE_PORT + ", got " + basePort);
      return ExitCode.USAGE;
    }
    if (deadlineMillis < 1) {
      errors.usage("--deadline-ms must be at least 1, got " + deadlineMillis);
      return ExitCode.USAGE;
    }
    InetAddress bindAddress;
    try {
      bindAddress = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      errors.usage("--bind: cannot resolve '" + bind + "'; give an IP address such as 127.0.0.1");
      return ExitCode.USAGE;
    }
    BankInput bank;
    try {
      bank = new InputParser(basePort).parse(input);
    } catch (InvalidInputException e) {
      errors.error(input + ": " + e.getMessage(), e);
      return ExitCode.USAGE;
    }
    boolean toStdout = output.equals("-");
    OutputFile file = toStdout ? null : new OutputFile(Path.of(output));
    if (file != null) {
      try {
        file.checkWritable();
      } catch (IOException e) {
        errors.error(e.getMessage(), e);
        return ExitCode.USAGE;
      }
    }

    ClusterConfig config = new ClusterConfig(bindAddress, basePort, deadlineMillis,
        ClusterConfig.DEFAULT_READY_TIMEOUT_MILLIS);
    List<CustomerRecv> received;
    TerminalProgress progress = TerminalProgress.forStderr();
    try (LocalBank running = LocalBank.start(bank, config, progress)) {
      received = running.runCustomers(progress);
    } catch (PortInUseException e) {
      progress.clear();
      errors.error(e.getMessage() + "; choose other ports with --base-port (now " + basePort + ")", e);
      return ExitCode.RUNTIME;
    } catch (RunFailedException e) {
      progress.clear();
      errors.error(e.getMessage(), e);
      return ExitCode.RUNTIME;
    }
    progress.clear();

    String json = OutputJson.pretty(received);
    if (toStdout) {
      out.print(json);
      out.flush();
      return ExitCode.OK;
    }
    try {
      file.write(json);
    } catch (IOException e) {
      errors.error("cannot write the output " + output + ": " + e.getMessage(), e);
      return ExitCode.RUNTIME;
    }
    if (!quiet) {
      StringBuilder lines = new StringBuilder();
      received.forEach(customer -> lines.append(OutputJson.compactLine(customer)).append('\n'));
      out.print(lines);
      out.flush();
    }
    return ExitCode.OK;
  }
}
