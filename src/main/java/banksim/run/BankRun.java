package banksim.run;

import banksim.cluster.Bank;
import banksim.cluster.ClusterConfig;
import banksim.cluster.EventTimes;
import banksim.cluster.PortInUseException;
import banksim.cluster.Progress;
import banksim.cluster.Replicas;
import banksim.cluster.RunFailedException;
import banksim.eventlog.EventLogs;
import banksim.input.BankInput;
import banksim.input.InvalidInputException;
import banksim.launch.ClassArchive;
import banksim.launch.Failure;
import banksim.launch.Shutdown;
import banksim.output.CustomerRecv;
import banksim.output.RunReport;
import banksim.trace.TraceEvent;
import banksim.trace.TraceReader;
import banksim.trace.Tracer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs INPUT's customers against a bank and writes what they received, whichever way the bank runs:
 * its branches in this JVM, as processes of their own, or elsewhere. A SIGINT or SIGTERM meanwhile
 * stops the bank (and any branch processes) and writes nothing; the JVM then exits with 130 or 143.
 */
public final class BankRun {
  /**
   * The command line of branch {@code id}'s process, given the options of its trace part; {@code
   * restart}: it ran before and takes the bank over from its peers.
   */
  @FunctionalInterface
  public interface BranchCommand {
    List<String> forBranch(int id, List<String> traceOptions, boolean restart);
  }

  /** Opens the bank the customers run against, tracing to the given output. */
  @FunctionalInterface
  private interface Opener {
    Bank open(Progress progress, Tracer tracer, TraceOutput trace)
        throws RunFailedException, InterruptedException;
  }

  /** Where the branches of the run are. */
  private enum Branches {
    HERE,
    PROCESSES,
    ELSEWHERE
  }

  /** What the customers received, and the run's statistics. */
  private record Finished(List<CustomerRecv> received, RunReport report) {}

  private final BankInput input;
  private final ClusterConfig config;
  private final Outputs outputs;
  private final RunSettings settings;
  private final PrintStream out;
  private final PrintStream err;
  private volatile boolean branchRestarted;

  public BankRun(
      BankInput input,
      ClusterConfig config,
      Outputs outputs,
      RunSettings settings,
      PrintStream out,
      PrintStream err) {
    this.input = input;
    this.config = config;
    this.outputs = outputs;
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  /**
   * Every branch served in this JVM.
   *
   * @param trace the --trace file, or null
   * @param portHint what to add to a port-in-use error: the option that moves the ports
   */
  public void inThisJvm(Path trace, String portHint) throws Failure, InterruptedException {
    execute(
        (progress, tracer, traceOutput) -> Bank.inThisJvm(input, config, progress, tracer),
        trace,
        Branches.HERE,
        portHint);
    ClassArchive.runCompleted();
  }

  /**
   * Every branch as a process of its own, started with {@code command}.
   *
   * @param restartOnCrash whether a branch process that ends is started again (once it took the
   *     bank over from its peers) instead of failing the run
   */
  public void ofProcesses(
      Path trace, String portHint, BranchCommand command, boolean restartOnCrash)
      throws Failure, InterruptedException {
    execute(
        (progress, tracer, traceOutput) ->
            Bank.ofProcesses(
                input,
                config,
                (id, restart) -> command.forBranch(id, traceOutput.branchOptions(id), restart),
                tracer,
                restartOnCrash ? this::branchRestarted : null),
        trace,
        Branches.PROCESSES,
        portHint);
    ClassArchive.runCompleted();
  }

  /**
   * Branches that run elsewhere, of any implementation. Their events are theirs: of the event logs,
   * only customer_events.json is written, beside the answers.
   */
  public void remote(Path trace) throws Failure, InterruptedException {
    execute(
        (progress, tracer, traceOutput) -> Bank.remote(input, config, tracer),
        trace,
        Branches.ELSEWHERE,
        "");
    if (outputs.wantsEventLogs()) {
      err.println(
          outputs.writesLogFiles()
              ? "bank-sim: the branches run elsewhere: wrote the answers and"
                  + " customer_events.json; the branches' events are in their own traces (serve"
                  + " --trace FILE)"
              : "bank-sim: the branches run elsewhere: wrote the answers; customer_events.json"
                  + " is written only with -o FILE");
      err.flush();
    }
  }

  /**
   * Runs the customers and writes the output. The trace (the --trace file, or a temporary one where
   * the event logs are built from it) is complete, its parts merged, before the output is written;
   * a failed run's trace is complete too.
   *
   * @param branches where the branches run: processes write parts of the trace, merged at the end;
   *     branches elsewhere trace their own events, so the logs need no trace here
   */
  private void execute(Opener opener, Path trace, Branches branches, String portHint)
      throws Failure, InterruptedException {
    boolean branchLogsHere = outputs.wantsEventLogs() && branches != Branches.ELSEWHERE;
    Path target = trace != null || !branchLogsHere ? trace : temporaryTrace();
    try {
      Finished finished;
      try (TraceOutput traceOutput = new TraceOutput(target, branches == Branches.PROCESSES)) {
        Tracer tracer = traceOutput.open();
        finished = run((progress, t) -> opener.open(progress, t, traceOutput), tracer, portHint);
      }
      if (branchLogsHere) {
        outputs.writeLogs(EventLogs.of(input, readTrace(target)), finished.report(), out);
      } else if (outputs.wantsEventLogs()) {
        outputs.writeAnswersAndCustomerLog(
            input, finished.received(), EventLogs.of(input, List.of()), finished.report(), out);
      } else {
        outputs.write(input, finished.received(), finished.report(), out);
      }
    } finally {
      if (target != null && trace == null) {
        deleteQuietly(target);
      }
    }
  }

  /** A branch process ended and is started again: said at once, and the replicas checked. */
  private synchronized void branchRestarted(String line) {
    branchRestarted = true;
    err.println("bank-sim: " + line);
    err.flush();
  }

  private static Path temporaryTrace() throws Failure {
    try {
      return Files.createTempFile("bank-sim-", ".trace.jsonl");
    } catch (IOException e) {
      throw Failure.runtime("cannot write a temporary trace for the event logs: " + e, e);
    }
  }

  private static List<TraceEvent> readTrace(Path trace) throws Failure {
    try {
      return TraceReader.read(trace);
    } catch (InvalidInputException e) {
      throw Failure.runtime("cannot read back the trace " + trace + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left in the temporary folder.
    }
  }

  /** Opens the bank with a tracer already chosen. */
  @FunctionalInterface
  private interface Opening {
    Bank open(Progress progress, Tracer tracer) throws RunFailedException, InterruptedException;
  }

  private Finished run(Opening opener, Tracer tracer, String portHint)
      throws Failure, InterruptedException {
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
      throw Failure.runtime(e.getMessage() + (portHint.isEmpty() ? "" : "; " + portHint), e);
    } catch (RunFailedException e) {
      terminal.clear();
      throw Failure.runtime(e.getMessage(), e);
    }
    Shutdown.Registration onSignal = Shutdown.onSignal(() -> close(bank));
    try {
      statistics.ready();
      received =
          settings.concurrent()
              ? bank.runCustomersConcurrently(progress, settings.guarantees())
              : bank.runCustomers(progress, settings.guarantees());
      boolean async = config.propagation().asynchronous();
      if (async) {
        bank.awaitDrained(
            config.propagation().worstCaseMillis() + config.propagation().delayMillis());
      }
      statistics.customersDone();
      if (settings.concurrent() || settings.verbose() || branchRestarted || async) {
        String replicas = Replicas.check(input, bank.balances());
        if (settings.verbose()) {
          terminal.clear();
          err.println("bank-sim: " + replicas);
          err.flush();
        }
      }
    } catch (RunFailedException e) {
      // Calls fail when a signal stops the bank under them: the signal is the news, not they.
      throw onSignal.fired() ? stoppedBySignal() : Failure.runtime(e.getMessage(), e);
    } finally {
      terminal.clear();
      onSignal.close();
      bank.close();
    }
    if (onSignal.fired()) {
      throw stoppedBySignal();
    }
    return new Finished(received, statistics.report(times));
  }

  private static void close(Bank bank) {
    try {
      bank.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Failure stoppedBySignal() {
    return Failure.runtime("stopped by a signal; nothing written", null);
  }
}
