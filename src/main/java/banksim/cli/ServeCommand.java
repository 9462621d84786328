package banksim.cli;

import banksim.cluster.Bank;
import banksim.cluster.BranchAddresses;
import banksim.cluster.ClusterConfig;
import banksim.cluster.PortInUseException;
import banksim.cluster.RunFailedException;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.trace.TraceFile;
import banksim.trace.Tracer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bank-sim serve INPUT} (every branch in this JVM) and {@code bank-sim branch INPUT --id N}
 * (one): branches that serve until SIGINT or SIGTERM, then stop cleanly and exit 0.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Serves INPUT's branches (all of them, or the one --id names) until SIGINT or",
      "SIGTERM, for customers of any implementation. Prints one 'ready' line on stderr",
      "once every branch listens. Runs no customers."
    },
    footerHeading = "%nExample:%n",
    footer = "  java -jar target/bank-sim.jar serve input/seed.json")
class ServeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "INPUT", description = "the input JSON file")
  Path input;

  @Mixin AddressOptions addresses;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "write every message these branches send and receive as JSON Lines")
  Path trace;

  // A branch process of --processes times its part of the trace from its launcher's start.
  @Option(names = "--trace-origin-us", hidden = true)
  Long traceOriginUs;

  @Mixin private final DebugOption debug;

  private final ErrorReport errors;
  private final PrintStream err;

  ServeCommand(ErrorReport errors, PrintStream err) {
    this.errors = errors;
    this.debug = new DebugOption(errors);
    this.err = err;
  }

  /** The branches to serve: all of INPUT's. */
  List<Integer> hosted(BankInput bank) throws CommandFailure {
    return bank.branches().stream().map(BranchSpec::id).toList();
  }

  @Override
  public Integer call() throws InterruptedException {
    Bank bank;
    TraceFile traceFile;
    try {
      addresses.check();
      BankInput input = RunCommand.readInput(this.input, addresses.inputParser());
      ClusterConfig config = addresses.config(input, ClusterConfig.DEFAULT_READY_TIMEOUT_MILLIS);
      List<Integer> hosted = hosted(input);
      traceFile = openTrace();
      try {
        bank = Bank.serving(input, hosted, config, traceFile == null ? Tracer.NONE : traceFile);
      } catch (PortInUseException e) {
        throw CommandFailure.runtime(e.getMessage() + "; choose other ports", e);
      } catch (RunFailedException e) {
        throw CommandFailure.runtime(e.getMessage(), e);
      }
      err.println("bank-sim: ready: " + describe(hosted, config.addresses()));
      err.flush();
    } catch (CommandFailure failure) {
      return failure.report(errors);
    }
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        bank.close();
        if (traceFile != null) {
          traceFile.close();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        errors.error("cannot write the trace " + trace + ": " + e.getMessage(), e);
      }
      // Stopping is the normal end of a server: exit 0, not the JVM's 130 or 143.
      Runtime.getRuntime().halt(ExitCode.OK);
    }, "bank-sim-stop"));
    forever.await();
    return ExitCode.OK;
  }

  private TraceFile openTrace() throws CommandFailure {
    if (trace == null) {
      return null;
    }
    try {
      return new TraceFile(trace, traceOriginUs == null ? TraceFile.nowEpochUs() : traceOriginUs);
    } catch (IOException e) {
      throw CommandFailure.invalid("cannot write the trace " + trace + ": " + e.getMessage(), e);
    }
  }

  /** "22 branches on 127.0.0.1:50001-50022", or each address where they do not run in a row. */
  private static String describe(List<Integer> ids, BranchAddresses addresses) {
    List<String> each = ids.stream()
        .map(id -> id + " at " + BranchAddresses.show(addresses.listenAddress(id))).toList();
    if (ids.size() == 1) {
      return "branch " + each.get(0);
    }
    var first = addresses.listenAddress(ids.get(0));
    boolean inARow = true;
    for (int i = 0; i < ids.size(); i++) {
      var address = addresses.listenAddress(ids.get(i));
      inARow &= address.getAddress().equals(first.getAddress())
          && address.getPort() == first.getPort() + i;
    }
    return ids.size() + " branches " + (inARow
        ? "on " + BranchAddresses.show(first) + "-" + (first.getPort() + ids.size() - 1)
        : String.join(", ", each));
  }
}
