package banksim.cli;

import banksim.cluster.ClusterConfig;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.launch.BranchProcess;
import banksim.launch.ExitCode;
import banksim.launch.Failure;
import banksim.run.BankRun;
import banksim.run.InputFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "INPUT",
      description = "the input JSON file")
  Path input;

  @Mixin OutputOptions outputs;

  @Mixin RunOptions runOptions;

  @Mixin AddressOptions addresses;

  @Mixin TlsOption tls;

  @Option(
      names = "--processes",
      description = "run each branch in a JVM of its own (the customers run in this one)")
  boolean processes;

  @Option(
      names = "--restart-on-crash",
      description =
          "with --processes: start a branch process that ends again; it takes the bank over"
              + " from its peers before it serves (up to 3 times per branch)")
  boolean restartOnCrash;

  private final PrintStream out;
  private final PrintStream err;

  RunCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Failure, InterruptedException {
    if (input == null) {
      throw Failure.usage("Missing required parameter: 'INPUT'");
    }
    addresses.check();
    if (restartOnCrash && !processes) {
      throw Failure.usage("--restart-on-crash needs --processes: only a branch process can crash");
    }
    BankInput bank = InputFiles.read(input, addresses.inputParser());
    if (restartOnCrash && outputs.tracesBranches(bank)) {
      throw Failure.usage(
          "--restart-on-crash cannot be combined with --trace or the event logs yet: a restarted"
              + " branch would replace its part of the trace");
    }
    List<Integer> ids = bank.branches().stream().map(BranchSpec::id).toList();
    ClusterConfig config =
        tls.apply(
            addresses.config(bank, ClusterConfig.DEFAULT_READY_TIMEOUT_MILLIS),
            processes ? List.of() : ids,
            err);
    if (processes) {
      tls.checkBranches(ids);
    }
    BankRun run = new BankRun(bank, config, outputs.outputs(bank), runOptions.settings(), out, err);
    if (processes) {
      run.ofProcesses(
          outputs.trace,
          addresses.portHint(),
          (id, traceOptions, restart) -> {
            List<String> arguments =
                new ArrayList<>(
                    List.of(
                        "branch", input.toAbsolutePath().toString(), "--id", Integer.toString(id)));
            arguments.addAll(addresses.asArguments());
            arguments.addAll(tls.asArguments());
            arguments.addAll(traceOptions);
            if (!restart) {
              // Every branch starts at once: none has taken writes yet, none need be asked.
              arguments.add("--fresh");
            }
            return BranchProcess.command(BranchProcessMain.class, arguments);
          },
          restartOnCrash);
    } else {
      run.inThisJvm(outputs.trace, addresses.portHint());
    }
    return ExitCode.OK;
  }
}
