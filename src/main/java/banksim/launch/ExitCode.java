package banksim.launch;

/** The process exit codes of SPEC section 5, and of a JVM stopped by a signal. */
public final class ExitCode {
  public static final int OK = 0;

  /** A runtime failure: a port in use, a branch that stopped answering, a deadline passed. */
  public static final int RUNTIME = 1;

  /** A usage error or invalid input: nothing was started and no output written. */
  public static final int USAGE = 2;

  /** verify: the output differs from the reference. */
  public static final int DIFFERS = 3;

  private ExitCode() {}

  /**
   * Whether a child's exit code says a signal other than SIGINT or SIGTERM (the ones a user stops
   * bank-sim with, which it reports itself) ended it: SIGKILL, say.
   */
  public static boolean killedBySignal(int code) {
    return code > 128 && code != signal(2) && code != signal(15);
  }

  /** What a shell reports for a process ended by signal {@code number}: 130 for SIGINT. */
  public static int signal(int number) {
    return 128 + number;
  }
}
