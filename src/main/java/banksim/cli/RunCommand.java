package banksim.cli;

import banksim.cluster.Bank;
import banksim.cluster.ClusterConfig;
import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The main job: run every customer of INPUT against a bank of gRPC branches. */
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
  // Optional for picocli only, so that "bank-sim gen ..." needs no INPUT; call() requires it.
  @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "the input JSON file")
  private Path input;

  @Mixin private OutputOptions outputs;

  @Mixin private RunOptions runOptions;

  @Mixin private AddressOptions addresses;

  @Option(names = "--processes",
      description = "run each branch in a JVM of its own (the customers run in this one)")
  private boolean processes;

  @Mixin private final DebugOption debug;

  private final PrintStream out;
  private final PrintStream err;
  private final ErrorReport errors;

  RunCommand(PrintStream out, PrintStream err, ErrorReport errors) {
    this.out = out;
    this.err = err;
    this.errors = errors;
    this.debug = new DebugOption(errors);
  }

  @Override
  public Integer call() throws InterruptedException {
    try {
      if (input == null) {
        throw CommandFailure.usage("Missing required parameter: 'INPUT'");
      }
      addresses.check();
      BankInput bank = readInput(input, addresses.inputParser());
      ClusterConfig config = addresses.config(bank, ClusterConfig.DEFAULT_READY_TIMEOUT_MILLIS);
      outputs.prepare();
      CustomerRun run = new CustomerRun(bank, outputs, runOptions, out, err);
      TraceOutput trace = new TraceOutput(outputs.trace, processes);
      if (processes) {
        run.execute((progress, tracer) -> Bank.ofProcesses(bank, config,
            id -> BranchProcessCommand.forBranch(id, input, addresses, trace.branchOptions(id)),
            tracer), trace, portHint());
      } else {
        run.execute((progress, tracer) -> Bank.inThisJvm(bank, config, progress, tracer), trace,
            portHint());
      }
      ClassArchive.runCompleted();
      return ExitCode.OK;
    } catch (CommandFailure failure) {
      return failure.report(errors);
    }
  }

  private String portHint() {
    return addresses.cluster == null
        ? "choose other ports with --base-port (now " + addresses.basePort + ")"
        : "choose other ports in " + addresses.cluster;
  }

  /** Reads and validates INPUT; every command that takes one reports its problems alike. */
  static BankInput readInput(Path input, InputParser parser) throws CommandFailure {
    try {
      return parser.parse(input);
    } catch (InvalidInputException e) {
      throw CommandFailure.invalid(input + ": " + e.getMessage(), e);
    }
  }
}
