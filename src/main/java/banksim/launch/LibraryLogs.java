package banksim.launch;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * grpc-java and Netty log through java.util.logging, in multi-line records a user cannot act on (a
 * client's oversized message, a peer that reset its connection): bank-sim reports what matters in
 * its own one line, and their records show only with {@code --debug}.
 */
public final class LibraryLogs {
  // Held here: java.util.logging keeps loggers only weakly, and a collected one forgets its level.
  private static final Logger ROOT = Logger.getLogger("");

  private LibraryLogs() {}

  /** Silences the libraries' logs unless the command line asks for --debug. */
  public static void quietUnlessDebug(String[] args) {
    if (!Arrays.asList(args).contains("--debug")) {
      ROOT.setLevel(Level.OFF);
    }
  }
}
