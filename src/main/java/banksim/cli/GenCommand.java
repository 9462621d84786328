package banksim.cli;

import banksim.input.InputJson;
import banksim.launch.ExitCode;
import banksim.launch.Failure;
import banksim.output.OutputFile;
import banksim.run.Outputs;
import banksim.workload.WorkloadGenerator;
import banksim.workload.WorkloadSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bank-sim gen}: writes a reproducible workload input. */
@Command(
    name = "gen",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Writes a reproducible workload input.",
    description = {
      "Writes a reproducible bank input: the same options give the same file everywhere.",
      "Customer i talks to branch i; about 40%% of events are deposits (1-100), 30%%",
      "withdrawals (1 in 6 too large to succeed), 30%% queries."
    },
    footerHeading = "%nExample:%n",
    footer = "  java -jar target/bank-sim.jar gen --branches 100 --events 10 -o input/100x100.json")
final class GenCommand implements Callable<Integer> {
  private static final long MAX_EVENTS = 10_000_000;

  @Option(
      names = "--branches",
      paramLabel = "B",
      required = true,
      description = "number of branches, ids 1..B")
  private int branches;

  @Option(
      names = "--customers",
      paramLabel = "C",
      description = "number of customers (default: as many as branches)")
  private Integer customers;

  @Option(
      names = "--events",
      paramLabel = "E",
      required = true,
      description = "events per customer")
  private int events;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "random seed (default: ${DEFAULT-VALUE})")
  private long seed;

  @Option(
      names = "--balance",
      paramLabel = "N",
      defaultValue = "1000",
      description = "every branch's initial balance (default: ${DEFAULT-VALUE})")
  private long balance;

  @Option(
      names = "--route",
      paramLabel = "P",
      defaultValue = "0",
      description =
          "share of events, 0 to 1, sent to a random branch with a \"branch\" key"
              + " (default: ${DEFAULT-VALUE})")
  private double route;

  @Option(
      names = "--base-port",
      paramLabel = "PORT",
      defaultValue = "50000",
      description =
          "the --base-port the input will run with: branch ids stop at 65535 - PORT"
              + " (default: ${DEFAULT-VALUE})")
  private int basePort;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = "-",
      description = "where to write the input; - for standard output (default: ${DEFAULT-VALUE})")
  private String output;

  private final PrintStream out;

  GenCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Failure {
    int customerCount = customers == null ? branches : customers;
    String problem = problem(customerCount);
    if (problem != null) {
      throw Failure.usage(problem);
    }
    OutputFile file = output.equals("-") ? null : Outputs.writable(Path.of(output));
    String json =
        InputJson.write(
            new WorkloadGenerator(
                    new WorkloadSpec(branches, customerCount, events, seed, balance, route))
                .generate());
    if (file == null) {
      out.print(json);
      out.flush();
    } else {
      Outputs.write(file, json);
    }
    return ExitCode.OK;
  }

  private String problem(int customerCount) {
    if (basePort < 0 || basePort > AddressOptions.MAX_BASE_PORT) {
      return "--base-port must be from 0 to " + AddressOptions.MAX_BASE_PORT + ", got " + basePort;
    }
    int most = AddressOptions.MAX_BASE_PORT + 1 - basePort;
    if (branches < 1 || branches > most) {
      return "--branches must be from 1 to "
          + most
          + " (branch N listens on --base-port "
          + basePort
          + " + N; a lower --base-port allows more), got "
          + branches;
    }
    if (customerCount < 0 || events < 0) {
      return "--customers and --events must not be negative";
    }
    if ((long) customerCount * events > MAX_EVENTS) {
      return "--customers x --events must be at most " + MAX_EVENTS;
    }
    if (balance < 0) {
      return "--balance must not be negative, got " + balance;
    }
    if (!(route >= 0 && route <= 1)) {
      return "--route must be from 0 to 1, got " + route;
    }
    return null;
  }
}
