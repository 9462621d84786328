package banksim.cli;

import banksim.launch.Failure;
import java.io.PrintStream;

/**
 * Prints errors as SPEC section 5 wants them: one line, {@code bank-sim: error: ...}, and a stack
 * trace only with {@code --debug}.
 */
final class ErrorReport {
  private final PrintStream err;
  private boolean debug;
  private String command = "bank-sim";

  ErrorReport(PrintStream err) {
    this.err = err;
  }

  void setDebug(boolean debug) {
    this.debug = debug;
  }

  /** The command whose --help a usage error points to, e.g. "bank-sim gen". */
  void setCommand(String command) {
    this.command = command;
  }

  /** A mistake on the command line; says where to read about the options. */
  void usage(String message) {
    line(message + " (see " + command + " --help)");
  }

  /** Prints a failure's line; returns its exit code. */
  int report(Failure failure) {
    if (failure.isUsage()) {
      usage(failure.getMessage());
    } else {
      error(failure.getMessage(), failure.getCause());
    }
    return failure.exitCode();
  }

  void error(String message, Throwable cause) {
    line(message);
    if (debug && cause != null) {
      cause.printStackTrace(err);
    }
  }

  /** A bug: something no input should cause. */
  void internal(Throwable e) {
    line("internal error: " + e + "; please report it with the input and the --debug output");
    if (debug) {
      e.printStackTrace(err);
    }
  }

  private void line(String message) {
    err.println("bank-sim: error: " + message.replaceAll("\\s*[\\r\\n]+\\s*", " "));
    err.flush();
  }
}
