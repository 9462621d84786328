package banksim.cli;

import banksim.cluster.ClusterConfig;
import banksim.input.BankInput;
import banksim.launch.ExitCode;
import banksim.launch.Failure;
import banksim.run.BankRun;
import banksim.run.InputFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bank-sim customers}: INPUT's customers against branches that run elsewhere. */
@Command(
    name = "customers",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Runs INPUT's customers against branches that run elsewhere.",
    description = {
      "Runs INPUT's customers against running branches (started with 'serve' or 'branch',",
      "or any implementation of the exercise's service) and writes the output exactly as",
      "the default mode does. Waits until every branch is ready: connected, and SERVING on",
      "the gRPC health service (grpc.health.v1.Health) where the branch has one (a branch",
      "written to the seed report has none and is ready once connected)."
    },
    footerHeading = "%nExample:%n",
    footer = "  java -jar target/bank-sim.jar customers input/seed.json --cluster cluster.json")
final class CustomersCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "INPUT", description = "the input JSON file")
  private Path input;

  @Mixin private OutputOptions outputs;

  @Mixin private RunOptions runOptions;

  @Mixin private AddressOptions addresses;

  @Mixin private TlsOption tls;

  @Option(
      names = "--wait-s",
      paramLabel = "S",
      defaultValue = "30",
      description =
          "how long to wait for every branch to be ready: connected, and SERVING"
              + " where it has the gRPC health service (default: ${DEFAULT-VALUE})")
  private long waitSeconds;

  private final PrintStream out;
  private final PrintStream err;

  CustomersCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Failure, InterruptedException {
    addresses.check();
    if (waitSeconds < 0) {
      throw Failure.usage("--wait-s must not be negative, got " + waitSeconds);
    }
    BankInput bank = InputFiles.read(input, addresses.inputParser());
    ClusterConfig config = tls.apply(addresses.config(bank, waitSeconds * 1000), List.of(), err);
    new BankRun(bank, config, outputs.remoteOutputs(bank), runOptions.settings(), out, err)
        .remote(outputs.trace);
    return ExitCode.OK;
  }
}
