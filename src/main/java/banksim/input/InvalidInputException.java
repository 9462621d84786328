package banksim.input;

/**
 * The input cannot be run. The message says where (a JSON location such as {@code
 * $[3].events[1].money}, or a line and column) and what is wrong, without the file name.
 */
public final class InvalidInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
