package banksim.run;

import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import banksim.launch.Failure;
import banksim.model.ReferenceBank;
import banksim.trace.TraceEvent;
import banksim.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Reads INPUT, or a TRACE: every command that takes one reports its problems alike. */
public final class InputFiles {
  private InputFiles() {}

  public static BankInput read(Path input, InputParser parser) throws Failure {
    CompletableFuture<Void> read = new CompletableFuture<>();
    if (Files.exists(input) && !Files.isRegularFile(input) && !Files.isDirectory(input)) {
      // A pipe blocks until something writes to it: say so rather than hang in silence.
      var unused =
          CompletableFuture.runAsync(
              () -> {
                if (!read.isDone()) {
                  System.err.println(
                      "bank-sim: waiting for "
                          + input
                          + ": it is a pipe, and nothing has written to it yet");
                  System.err.flush();
                }
              },
              CompletableFuture.delayedExecutor(PIPE_NOTE_MILLIS, TimeUnit.MILLISECONDS));
    }
    try {
      BankInput bank = parser.parse(input);
      // The reference run finds a deposit that takes a balance past 2^63-1 here, before anything
      // starts, instead of a branch in the middle of the run.
      var unused = ReferenceBank.run(bank);
      return bank;
    } catch (InvalidInputException e) {
      throw Failure.invalid(input + ": " + e.getMessage(), e);
    } finally {
      read.complete(null);
    }
  }

  private static final long PIPE_NOTE_MILLIS = 1_000;

  /** The events of a trace file written by --trace. */
  public static List<TraceEvent> trace(Path trace) throws Failure {
    try {
      return TraceReader.read(trace);
    } catch (InvalidInputException e) {
      throw Failure.invalid(trace + ": " + e.getMessage(), e);
    }
  }
}
