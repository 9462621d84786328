package banksim.cli;

/** The process exit codes of SPEC section 5. */
final class ExitCode {
  static final int OK = 0;
  /** A runtime failure: a port in use, a branch that stopped answering, a deadline passed. */
  static final int RUNTIME = 1;
  /** A usage error or invalid input: nothing was started and no output written. */
  static final int USAGE = 2;
  /** verify: the output differs from the reference. */
  static final int DIFFERS = 3;

  private ExitCode() {}
}
