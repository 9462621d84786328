package banksim.run;

import banksim.cluster.Progress;
import java.io.PrintStream;

/**
 * Shows how far a run is on one rewritten line of standard error, only when a person is watching a
 * terminal, and at most a few times a second.
 */
final class TerminalProgress implements Progress {
  private static final long MIN_INTERVAL_NANOS = 100_000_000;

  private final PrintStream err; // null: nobody is watching
  private long lastShown;
  private boolean shown;

  private TerminalProgress(PrintStream err) {
    this.err = err;
  }

  /** Progress on standard error when the process runs on a terminal, else nothing. */
  // On Java 17, System.console() is null exactly when no terminal is attached.
  @SuppressWarnings("SystemConsoleNull")
  static TerminalProgress forStderr() {
    return new TerminalProgress(System.console() == null ? null : System.err);
  }

  @Override
  public void branchStarted(int started, int total) {
    show("starting branches " + started + "/" + total, started == total);
  }

  @Override
  public void customerDone(int done, int total) {
    show("customers " + done + "/" + total, done == total);
  }

  private synchronized void show(String text, boolean last) {
    long now = System.nanoTime();
    if (err == null || (!last && shown && now - lastShown < MIN_INTERVAL_NANOS)) {
      return;
    }
    lastShown = now;
    shown = true;
    err.print("\r\033[K" + text);
    err.flush();
  }

  synchronized void clear() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }
}
