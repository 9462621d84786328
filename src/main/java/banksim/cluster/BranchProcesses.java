package banksim.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * One OS process per branch. The launcher reads each one's standard error: its "ready" line says
 * the branch listens, and its last line explains a branch that fails, in the launcher's one error
 * line. A branch that ends before it is stopped fails the run, or is started again (it takes the
 * bank over from its peers) where the run restarts crashed branches.
 */
final class BranchProcesses implements AutoCloseable {
  private static final long STOP_GRACE_MILLIS = 5_000;
  private static final String READY = "bank-sim: ready";

  /** Restarts of one branch before its next crash fails the run: a crash loop is a failure. */
  static final int RESTARTS_PER_BRANCH = 3;

  /** A warning (plaintext off loopback) the launcher gave already; it explains no failure. */
  private static final String WARNING = "bank-sim: warning";

  private final Map<Integer, Process> processes = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> restarts = new ConcurrentHashMap<>();
  private final CompletableFuture<RunFailedException> failed = new CompletableFuture<>();
  private final BranchLauncher launcher;
  private final IntFunction<String> addresses;
  private final IntConsumer onReady;
  private final Consumer<String> onRestart;
  private volatile boolean stopping;

  private BranchProcesses(
      BranchLauncher launcher,
      IntFunction<String> addresses,
      IntConsumer onReady,
      Consumer<String> onRestart) {
    this.launcher = launcher;
    this.addresses = addresses;
    this.onReady = onReady;
    this.onRestart = onRestart;
  }

  /**
   * @param addresses where each branch listens, for messages
   * @param onReady hears each branch that says it listens
   * @param onRestart hears one line for each branch that ended and is started again; null: a branch
   *     that ends fails the run
   */
  static BranchProcesses start(
      List<Integer> ids,
      BranchLauncher launcher,
      IntFunction<String> addresses,
      IntConsumer onReady,
      Consumer<String> onRestart)
      throws RunFailedException, InterruptedException {
    BranchProcesses started = new BranchProcesses(launcher, addresses, onReady, onRestart);
    try {
      for (int id : ids) {
        started.startOne(id, false);
      }
      return started;
    } catch (RunFailedException e) {
      started.close();
      throw e;
    }
  }

  // Synchronized with close(): a branch started again as the run stops is stopped too.
  private synchronized void startOne(int id, boolean restart) throws RunFailedException {
    if (stopping) {
      return;
    }
    List<String> command = launcher.command(id, restart);
    String address = addresses.apply(id);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new RunFailedException("cannot start branch " + id + ": " + e.getMessage(), e);
    }
    processes.put(id, process);
    Thread watcher = new Thread(() -> watch(id, address, process), "bank-sim-branch-" + id);
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Reads the branch's standard error until it ends, then reports an unasked-for end. */
  private void watch(int id, String address, Process process) {
    String last = "";
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        if (line.startsWith(READY)) {
          onReady.accept(id);
        } else if (!line.isBlank() && !line.startsWith(WARNING)) {
          last = line;
        }
      }
    } catch (IOException e) {
      // The pipe broke: the process is ending; its exit code says how.
    }
    try {
      int code = process.waitFor();
      if (stopping) {
        return;
      }
      String ended =
          "branch "
              + id
              + " at "
              + address
              + " (process "
              + process.pid()
              + ") "
              + exitDescription(code)
              + (last.isEmpty() ? "" : ": " + last.replaceFirst("^bank-sim: error: ", ""));
      if (onRestart != null && restarts.merge(id, 1, Integer::sum) <= RESTARTS_PER_BRANCH) {
        onRestart.accept(ended + "; starting it again");
        startOne(id, true);
      } else {
        failed.complete(new RunFailedException(ended, null));
      }
    } catch (RunFailedException e) {
      failed.complete(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Completes with the failure when a branch process ends before {@link #close()}. */
  CompletableFuture<RunFailedException> failed() {
    return failed;
  }

  /** "was killed (SIGKILL)" for 137, "exited with code 1" otherwise. */
  private static String exitDescription(int code) {
    return switch (code) {
      case 137 -> "was killed (SIGKILL)";
      case 143 -> "was stopped (SIGTERM)";
      case 130 -> "was interrupted (SIGINT)";
      default -> "exited with code " + code;
    };
  }

  /** Stops every branch process (SIGTERM, then SIGKILL after a grace period) and waits. */
  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      stopping = true;
    }
    processes.values().forEach(Process::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
    List<Process> stubborn = new ArrayList<>();
    for (Process process : processes.values()) {
      if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        stubborn.add(process);
      }
    }
    for (Process process : stubborn) {
      process.destroyForcibly().waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }
}
