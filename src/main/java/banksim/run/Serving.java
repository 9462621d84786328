package banksim.run;

import banksim.cluster.Bank;
import banksim.cluster.BranchAddresses;
import banksim.cluster.ClusterConfig;
import banksim.cluster.PortInUseException;
import banksim.cluster.RunFailedException;
import banksim.input.BankInput;
import banksim.launch.Failure;
import banksim.launch.Shutdown;
import banksim.trace.TraceFile;
import banksim.trace.Tracer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Branches that serve others until SIGINT or SIGTERM, then stop cleanly: serve and branch. */
public final class Serving {
  private Serving() {}

  /**
   * Serves {@code hosted} until SIGINT or SIGTERM; prints one {@code bank-sim: ready: ...} line on
   * {@code err} once every one listens. Ends the JVM with 0 once stopped.
   *
   * @param trace the --trace file, or null
   * @param traceOriginUs the epoch microseconds a trace is timed from, or null for now
   * @param portHint what to add to a port-in-use error: the option that moves the ports
   * @param rejoin whether a branch first takes the bank over from a live peer (it restarted)
   * @param onStopFailure hears a failure while stopping (a trace that cannot be written)
   */
  public static void serve(
      BankInput input,
      List<Integer> hosted,
      ClusterConfig config,
      Path trace,
      Long traceOriginUs,
      String portHint,
      boolean rejoin,
      PrintStream err,
      Consumer<Failure> onStopFailure)
      throws Failure, InterruptedException {
    TraceFile traceFile = openTrace(trace, traceOriginUs);
    Bank bank;
    try {
      bank =
          Bank.serving(input, hosted, config, traceFile == null ? Tracer.NONE : traceFile, rejoin);
    } catch (PortInUseException e) {
      throw Failure.runtime(e.getMessage() + "; " + portHint, e);
    } catch (RunFailedException e) {
      throw Failure.runtime(e.getMessage(), e);
    }
    bank.rejoined().forEach(line -> err.println("bank-sim: " + line));
    err.println("bank-sim: ready: " + describe(hosted, config.addresses()));
    err.flush();
    Shutdown.serveUntilSignal(
        () -> {
          try {
            bank.close();
            if (traceFile != null) {
              traceFile.close();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            onStopFailure.accept(
                Failure.runtime("cannot write the trace " + trace + ": " + e.getMessage(), e));
          }
        });
  }

  private static TraceFile openTrace(Path trace, Long originUs) throws Failure {
    if (trace == null) {
      return null;
    }
    return TraceOutput.open(trace, originUs == null ? TraceFile.nowEpochUs() : originUs);
  }

  /** "22 branches on 127.0.0.1:50001-50022", or each address where they do not run in a row. */
  private static String describe(List<Integer> ids, BranchAddresses addresses) {
    List<String> each =
        ids.stream()
            .map(id -> id + " at " + BranchAddresses.show(addresses.listenAddress(id)))
            .toList();
    if (ids.size() == 1) {
      return "branch " + each.get(0);
    }
    InetSocketAddress first = addresses.listenAddress(ids.get(0));
    boolean inARow = true;
    for (int i = 0; i < ids.size(); i++) {
      InetSocketAddress address = addresses.listenAddress(ids.get(i));
      inARow &=
          address.getAddress().equals(first.getAddress())
              && address.getPort() == first.getPort() + i;
    }
    return ids.size()
        + " branches "
        + (inARow
            ? "on " + BranchAddresses.show(first) + "-" + (first.getPort() + ids.size() - 1)
            : String.join(", ", each));
  }
}
