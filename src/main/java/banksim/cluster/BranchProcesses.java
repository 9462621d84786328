package banksim.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One OS process per branch. Each writes its errors to a file of its own, so that a branch that
 * fails to start is reported in one line by the launcher. A branch that exits before it is
 * stopped fails the run.
 */
final class BranchProcesses implements AutoCloseable {
  private static final long STOP_GRACE_MILLIS = 5_000;

  private final Map<Integer, Process> processes = new LinkedHashMap<>();
  private final Map<Integer, Path> errors = new LinkedHashMap<>();
  private final CompletableFuture<RunFailedException> failed = new CompletableFuture<>();
  private final Path errorDir;
  private volatile boolean stopping;

  private BranchProcesses(Path errorDir) {
    this.errorDir = errorDir;
  }

  /** @param addresses where each branch listens, for messages */
  static BranchProcesses start(List<Integer> ids, BranchLauncher launcher,
      IntFunction<String> addresses) throws RunFailedException, InterruptedException {
    BranchProcesses started;
    try {
      started = new BranchProcesses(Files.createTempDirectory("bank-sim-branches"));
    } catch (IOException e) {
      throw new RunFailedException("cannot create a folder for branch logs: " + e.getMessage(), e);
    }
    try {
      for (int id : ids) {
        started.startOne(id, addresses.apply(id), launcher.command(id));
      }
      return started;
    } catch (RunFailedException e) {
      started.close();
      throw e;
    }
  }

  private void startOne(int id, String address, List<String> command) throws RunFailedException {
    Path errorFile = errorDir.resolve("branch-" + id + ".err");
    try {
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(errorFile.toFile())
          .start();
      processes.put(id, process);
      errors.put(id, errorFile);
      process.onExit().thenRun(() -> {
        if (!stopping) {
          failed.complete(new RunFailedException("branch " + id + " at " + address + " (process "
              + process.pid() + ") " + exitDescription(process.exitValue()) + lastError(id), null));
        }
      });
    } catch (IOException e) {
      throw new RunFailedException("cannot start branch " + id + ": " + e.getMessage(), e);
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

  /** ": what it said", from the branch's last error line. */
  private String lastError(int id) {
    try {
      List<String> lines = Files.readAllLines(errors.get(id));
      return lines.isEmpty() ? ""
          : ": " + lines.get(lines.size() - 1).replaceFirst("^bank-sim: error: ", "");
    } catch (IOException e) {
      return "";
    }
  }

  List<Long> pids() {
    return processes.values().stream().map(Process::pid).toList();
  }

  /** Stops every branch process (SIGTERM, then SIGKILL after a grace period) and waits. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
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
    try {
      for (Path file : errors.values()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(errorDir);
    } catch (IOException e) {
      // A stray log in the temporary folder is harmless.
    }
  }
}
