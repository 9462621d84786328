package banksim.cli;

import java.io.PrintStream;

/**
 * Prints errors as SPEC section 5 wants them: one line, {@code bank-sim: error: ...}, and a stack
 * trace only with {@code --debug}.
 */
final class ErrorReport {
  private final PrintStream err;
  private boolean debug;

  ErrorReport(PrintStream err) {
    this.err = err;
  }

  void setDebug(boolean debug) {
    this.debug = debug;
  }

  /** A mistake on the command line; says where to read about the options. */
  void usage(String message) {
    line(message + " (see bank-sim --help)");
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
