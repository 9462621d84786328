package banksim.cli;

/** Ends a command with an exit code and one error line (null: the line was printed already). */
final class CommandFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final boolean usage;

  private CommandFailure(int exitCode, boolean usage, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.usage = usage;
  }

  /** A mistake on the command line: exit 2, with a pointer to --help. */
  static CommandFailure usage(String message) {
    return new CommandFailure(ExitCode.USAGE, true, message, null);
  }

  /** Invalid input or an unusable output: exit 2, nothing started. */
  static CommandFailure invalid(String message, Throwable cause) {
    return new CommandFailure(ExitCode.USAGE, false, message, cause);
  }

  /** The run failed: exit 1. */
  static CommandFailure runtime(String message, Throwable cause) {
    return new CommandFailure(ExitCode.RUNTIME, false, message, cause);
  }

  int exitCode() {
    return exitCode;
  }

  /** Prints the one error line and returns the exit code. */
  int report(ErrorReport errors) {
    if (usage) {
      errors.usage(getMessage());
    } else {
      errors.error(getMessage(), getCause());
    }
    return exitCode;
  }
}
