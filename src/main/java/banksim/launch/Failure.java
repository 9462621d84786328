package banksim.launch;

/**
 * Ends a command with one error line and its exit code: the one way every command fails. The
 * command line turns it into {@code bank-sim: error: ...} on standard error.
 */
public final class Failure extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final boolean usage;

  private Failure(int exitCode, boolean usage, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.usage = usage;
  }

  /** A mistake on the command line: exit 2; the line points to --help. */
  public static Failure usage(String message) {
    return new Failure(ExitCode.USAGE, true, message, null);
  }

  /** Invalid input, or an output that cannot be written: exit 2, nothing started. */
  public static Failure invalid(String message, Throwable cause) {
    return new Failure(ExitCode.USAGE, false, message, cause);
  }

  /** The run failed: exit 1. */
  public static Failure runtime(String message, Throwable cause) {
    return new Failure(ExitCode.RUNTIME, false, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }

  /** Whether the line should point to --help. */
  public boolean isUsage() {
    return usage;
  }
}
