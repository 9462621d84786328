package banksim.certs;

/** A file of a certificates folder is missing, unreadable or wrong; the message says what to do. */
public final class CertificateFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public CertificateFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
