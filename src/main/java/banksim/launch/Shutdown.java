package banksim.launch;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * The one owner of how this JVM ends. SIGINT and SIGTERM run the stop action of whatever is running
 * (a run's bank, a server) through a shutdown hook; a run then ends with 130 or 143, a server with
 * 0; a launcher ends as its tuned child did; a tuned child ends as soon as its launcher is gone.
 */
public final class Shutdown {
  private Shutdown() {}

  /** A stop action, registered while something runs. */
  public static final class Registration implements AutoCloseable {
    private final Thread hook;
    private final AtomicBoolean fired;

    private Registration(Thread hook, AtomicBoolean fired) {
      this.hook = hook;
      this.fired = fired;
    }

    /** Whether a signal ran the stop action: whatever failed since, failed because of it. */
    public boolean fired() {
      return fired.get();
    }

    /** The work ended by itself: a signal from now on no longer runs the stop action. */
    @Override
    public void close() {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down already: the hook runs or ran.
      }
    }
  }

  /**
   * Until the registration is closed, SIGINT or SIGTERM runs {@code stop} before the JVM ends with
   * the signal's exit code.
   */
  public static Registration onSignal(Runnable stop) {
    AtomicBoolean fired = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              fired.set(true);
              stop.run();
            },
            "bank-sim-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    return new Registration(hook, fired);
  }

  /** What a server stops when a signal comes; null until this JVM is a server. */
  private static final AtomicReference<Runnable> serverStop = new AtomicReference<>();

  /**
   * From now on this JVM is a server: SIGINT or SIGTERM ends it with 0, whenever it comes (while
   * its branches start, too); stopping is the normal end of a server, not the 130 or 143 of an
   * interrupted run.
   */
  public static synchronized void becomeServer() {
    if (!serverStop.compareAndSet(null, () -> {})) {
      return;
    }
    // Signal handlers, not a shutdown hook: an error's own exit code (a bad input: 2) must stand.
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : List.of("INT", "TERM")) {
      Signal.handle(
          new Signal(name),
          received -> {
            if (stopping.compareAndSet(false, true)) {
              Thread stopper =
                  new Thread(
                      () -> {
                        serverStop.get().run();
                        halt(ExitCode.OK);
                      },
                      "bank-sim-stop");
              stopper.start();
            }
          });
    }
  }

  /** Serves until SIGINT or SIGTERM, then runs {@code stop} and ends the JVM with 0. */
  public static void serveUntilSignal(Runnable stop) throws InterruptedException {
    becomeServer();
    serverStop.set(stop);
    new CountDownLatch(1).await();
  }

  /**
   * Starts a child JVM that runs this command line in our place, waits for it and returns its exit
   * code. SIGINT or SIGTERM of this JVM stops the child (with SIGTERM, the only signal Java can
   * send) and this JVM then ends with the child's 0 where it stopped cleanly (a server), else with
   * the signal's code. {@code exited} hears the child's exit code either way.
   *
   * @param server whether the command serves until a signal (serve, branch): then the signal is its
   *     normal end
   */
  public static int superviseChild(ProcessBuilder childToStart, boolean server, IntConsumer exited)
      throws IOException, InterruptedException {
    // The handlers before the child: whichever moment a signal comes, it is the one recorded.
    AtomicInteger signal = new AtomicInteger();
    for (String name : List.of("INT", "TERM")) {
      Signal.handle(
          new Signal(name),
          received -> {
            // A second signal while shutting down must not call exit again: it would throw.
            if (signal.compareAndSet(0, received.getNumber())) {
              System.exit(ExitCode.signal(received.getNumber()));
            }
          });
    }
    Process child = childToStart.start();
    Thread stopChild =
        new Thread(
            () -> {
              child.destroy();
              try {
                int code = child.waitFor();
                exited.accept(code);
                // A server stopped by the signal ends with 0, even one stopped before it could
                // say so itself (the signal came while its JVM started).
                boolean stoppedServer =
                    server && (code == ExitCode.signal(2) || code == ExitCode.signal(15));
                halt(
                    code == 0 || signal.get() == 0
                        ? code
                        : stoppedServer ? ExitCode.OK : ExitCode.signal(signal.get()));
              } catch (InterruptedException e) {
                child.destroyForcibly();
              }
            },
            "bank-sim-stop-child");
    try {
      Runtime.getRuntime().addShutdownHook(stopChild);
    } catch (IllegalStateException e) {
      // A signal came while the child started: this JVM ends as it said; the child stops too.
      child.destroy();
      new CountDownLatch(1).await();
    }
    int code = child.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(stopChild);
    } catch (IllegalStateException e) {
      // A signal stopped the child: the hook ends this JVM with the right code.
      new CountDownLatch(1).await();
    }
    exited.accept(code);
    return code;
  }

  /**
   * Ends this JVM at once, running no shutdown hook, with this exit code; only its lifeline socket
   * is removed first, which a hook would have removed.
   */
  static void halt(int code) {
    Lifeline.removeOwn();
    Runtime.getRuntime().halt(code);
  }

  /**
   * Halts this JVM as soon as {@code launcher} is gone (now, if it is gone already or unknown),
   * even after a SIGKILL of it: no output, nothing more to do for a launcher that is gone.
   */
  public static void endWith(Optional<ProcessHandle> launcher) {
    if (launcher.isEmpty() || !launcher.get().isAlive()) {
      halt(ExitCode.RUNTIME);
    }
    var unused = launcher.get().onExit().thenRun(() -> halt(ExitCode.RUNTIME));
  }
}
