package banksim.cluster;

/** The bank could not start or a run could not finish (exit code 1); the message says why. */
public class RunFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
