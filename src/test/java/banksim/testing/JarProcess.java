package banksim.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** The built jar as a process, and what tests need to watch processes by PID. */
public final class JarProcess {
  public static final Path JAR =
      Path.of(System.getProperty("banksim.jar", "target/bank-sim.jar")).toAbsolutePath();

  private JarProcess() {}

  public static List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Starts a process whose standard error is read line by line; the returned future completes with
   * the first line that starts with {@code prefix} (say, "bank-sim: ready").
   */
  public static CompletableFuture<String> firstLine(Process process, String prefix) {
    return firstLine(process.getErrorStream(), prefix);
  }

  /** The same on the process's standard output. */
  public static CompletableFuture<String> firstStdoutLine(Process process, String prefix) {
    return firstLine(process.getInputStream(), prefix);
  }

  private static CompletableFuture<String> firstLine(InputStream stream, String prefix) {
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                  if (text.startsWith(prefix)) {
                    line.complete(text);
                  }
                }
                line.completeExceptionally(
                    new IllegalStateException("no line starting with " + prefix));
              } catch (IOException e) {
                line.completeExceptionally(e);
              }
            },
            "process-line-reader");
    reader.setDaemon(true);
    reader.start();
    return line;
  }

  /** Processes whose command line contains the marker (a test's unique temporary path). */
  public static List<Long> processesMentioning(String marker) throws IOException {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmdline =
              new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(marker) && !zombie(proc)) {
            pids.add(Long.parseLong(proc.getFileName().toString()));
          }
        } catch (IOException e) {
          // Ended while we looked.
        }
      }
    }
    return pids;
  }

  /**
   * Waits until no live process mentions the marker; an ended orphan that stays a zombie (PID 1
   * here does not reap) counts as ended. Returns the ones still alive at the deadline.
   */
  public static List<Long> awaitNoProcessMentioning(String marker, long timeoutMillis)
      throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    List<Long> alive = processesMentioning(marker);
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      alive = processesMentioning(marker);
    }
    return alive;
  }

  private static boolean zombie(Path proc) throws IOException {
    String stat = Files.readString(proc.resolve("stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
  }

  /**
   * Whether a process ended within the timeout. An orphan that ended stays a zombie where PID 1
   * does not reap (as in some containers): dead all the same.
   */
  public static boolean ended(ProcessHandle process, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path proc = Path.of("/proc", Long.toString(process.pid()));
    while (System.nanoTime() < deadline) {
      if (!process.isAlive() || !Files.exists(proc) || zombieOrGone(proc)) {
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return false;
  }

  /**
   * The process's first child once it runs Java (before that it may still be the JDK's spawn
   * helper, which killing would only make the start fail); polls, since no event announces it.
   */
  public static ProcessHandle firstChild(Process parent, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> child = parent.toHandle().children().findFirst();
      if (child.isPresent()
          && child.get().info().command().map(c -> c.endsWith("/java")).orElse(false)) {
        return child.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no child process running Java within " + timeout);
  }

  private static boolean zombieOrGone(Path proc) {
    try {
      return zombie(proc);
    } catch (IOException e) {
      return true; // gone between the two looks
    }
  }
}
