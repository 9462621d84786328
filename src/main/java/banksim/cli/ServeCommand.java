package banksim.cli;

import banksim.cluster.ClusterConfig;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.launch.ExitCode;
import banksim.launch.Failure;
import banksim.launch.Shutdown;
import banksim.run.InputFiles;
import banksim.run.Serving;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bank-sim serve INPUT}: every branch of INPUT in this JVM, serving until SIGINT or SIGTERM;
 * then they stop cleanly and the JVM exits 0. {@link BranchCommand} serves one.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Serves every branch of INPUT until SIGINT or SIGTERM.",
    description = {
      "Serves every branch of INPUT until SIGINT or SIGTERM, for customers of any",
      "implementation. Prints one 'ready' line on stderr once every branch listens.",
      "Runs no customers."
    },
    footerHeading = "%nExample:%n",
    footer = "  java -jar target/bank-sim.jar serve input/seed.json")
class ServeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "INPUT", description = "the input JSON file")
  Path input;

  @Mixin AddressOptions addresses;

  @Mixin TlsOption tls;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description = "write every message these branches send and receive as JSON Lines")
  Path trace;

  // A branch process of --processes times its part of the trace from its launcher's start.
  @Option(names = "--trace-origin-us", hidden = true)
  Long traceOriginUs;

  // The launcher of --processes starts every branch at once: no peer has state to take over.
  @Option(names = "--fresh", hidden = true)
  boolean fresh;

  private final ErrorReport errors;
  private final PrintStream err;

  ServeCommand(ErrorReport errors, PrintStream err) {
    this.errors = errors;
    this.err = err;
  }

  /** The branches to serve: all of INPUT's. */
  List<Integer> hosted(BankInput bank) throws Failure {
    return bank.branches().stream().map(BranchSpec::id).toList();
  }

  @Override
  public Integer call() throws Failure, InterruptedException {
    Shutdown.becomeServer();
    addresses.check();
    BankInput bank = InputFiles.read(input, addresses.inputParser());
    ClusterConfig config =
        tls.apply(
            addresses.config(bank, ClusterConfig.DEFAULT_READY_TIMEOUT_MILLIS), hosted(bank), err);
    Serving.serve(
        bank,
        hosted(bank),
        config,
        trace,
        traceOriginUs,
        addresses.portHint(),
        !fresh,
        err,
        errors::report);
    return ExitCode.OK;
  }
}
