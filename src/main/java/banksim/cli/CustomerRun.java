package banksim.cli;

import banksim.cluster.Bank;
import banksim.cluster.EventTimes;
import banksim.cluster.PortInUseException;
import banksim.cluster.Progress;
import banksim.cluster.Replicas;
import banksim.cluster.RunFailedException;
import banksim.input.BankInput;
import banksim.output.CustomerRecv;
import banksim.trace.Tracer;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs INPUT's customers against a bank and writes what they received: the part every command
 * that runs customers shares. A SIGINT or SIGTERM meanwhile stops the bank (and any branch
 * processes) and writes nothing; the JVM then exits with 130 or 143.
 */
final class CustomerRun {
  /** Opens the bank the customers run against. */
  @FunctionalInterface
  interface Opener {
    Bank open(Progress progress, Tracer tracer) throws RunFailedException, InterruptedException;
  }

  private final BankInput input;
  private final OutputOptions outputs;
  private final RunOptions options;
  private final PrintStream out;
  private final PrintStream err;
  private volatile boolean interrupted;

  CustomerRun(BankInput input, OutputOptions outputs, RunOptions options, PrintStream out,
      PrintStream err) {
    this.input = input;
    this.outputs = outputs;
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /**
   * @param trace where the run's messages go, if anywhere; closed (and merged) at the end, also
   *     when the run fails
   * @param portHint what to add to a port-in-use error, naming the option that moves ports
   */
  void execute(Opener opener, TraceOutput trace, String portHint)
      throws CommandFailure, InterruptedException {
    try (trace) {
      run(opener, trace.open(), portHint);
    }
  }

  private void run(Opener opener, Tracer tracer, String portHint)
      throws CommandFailure, InterruptedException {
    TerminalProgress terminal = TerminalProgress.forStderr();
    EventTimes times = new EventTimes();
    Progress progress = outputs.wantsStats() ? Progress.both(terminal, times) : terminal;
    RunStatistics statistics = new RunStatistics(input);
    List<CustomerRecv> received;
    Bank bank;
    try {
      bank = opener.open(progress, tracer);
    } catch (PortInUseException e) {
      terminal.clear();
      throw CommandFailure.runtime(e.getMessage() + "; " + portHint, e);
    } catch (RunFailedException e) {
      terminal.clear();
      throw CommandFailure.runtime(e.getMessage(), e);
    }
    Thread onSignal = new Thread(() -> {
      interrupted = true;
      try {
        bank.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bank-sim-signal");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      statistics.ready();
      received = options.concurrent
          ? bank.runCustomersConcurrently(progress) : bank.runCustomers(progress);
      statistics.customersDone();
      if (options.concurrent || options.verbose) {
        String replicas = Replicas.check(input, bank.balances());
        if (options.verbose) {
          terminal.clear();
          err.println("bank-sim: " + replicas);
          err.flush();
        }
      }
    } catch (RunFailedException e) {
      // Calls fail when a signal stops the bank under them: the signal is the news, not they.
      throw interrupted ? stoppedBySignal() : CommandFailure.runtime(e.getMessage(), e);
    } finally {
      terminal.clear();
      removeHook(onSignal);
      bank.close();
    }
    if (interrupted) {
      throw stoppedBySignal();
    }
    outputs.write(input, received, statistics.report(times), out);
  }

  private static CommandFailure stoppedBySignal() {
    return CommandFailure.runtime("stopped by a signal; nothing written", null);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Shutting down already, or never added: the hook has done or will do its part.
    }
  }
}
