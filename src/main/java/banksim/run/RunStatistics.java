package banksim.run;

import banksim.cluster.EventTimes;
import banksim.input.BankInput;
import banksim.launch.TunedJvm;
import banksim.output.RunReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Times the phases of one run and samples what it holds, for {@code --stats}. */
final class RunStatistics {
  private final BankInput bank;
  private final long started = System.nanoTime();
  private final Instant startedAt = Instant.now();
  private long ready;
  private long customersDone;
  private int openFds;
  private int threads;

  RunStatistics(BankInput bank) {
    this.bank = bank;
  }

  void ready() {
    ready = System.nanoTime();
  }

  /** Marks the end of the customers' phase and samples descriptors and threads, still all open. */
  void customersDone() {
    customersDone = System.nanoTime();
    openFds = openFileDescriptors();
    threads = Thread.activeCount();
  }

  /** The report, with the shutdown timed up to now. */
  RunReport report(EventTimes times) {
    long now = System.nanoTime();
    long launchToStart = Duration.between(TunedJvm.launchedAt(), startedAt).toMillis();
    return new RunReport(
        bank.branches().size(),
        bank.customers().size(),
        bank.eventCount(),
        launchToStart + millis(ready - started),
        millis(ready - started),
        millis(customersDone - ready),
        millis(now - customersDone),
        Math.round(bank.eventCount() * 1e10 / Math.max(1, customersDone - ready)) / 10.0,
        times.summaries(),
        openFds,
        threads,
        ManagementFactory.getThreadMXBean().getPeakThreadCount());
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /** Open descriptors of this process on Linux, -1 elsewhere. */
  private static int openFileDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }
}
