package banksim.branch;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's one timer thread for what branches hold back: an asynchronous propagation's delay, and
 * the deadline of a request that waits for writes. Nothing runs on it but starting a send or
 * failing a request, so one daemon thread serves every branch.
 */
final class Timers {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "bank-sim-timer");
            thread.setDaemon(true);
            return thread;
          });

  private Timers() {}

  static ScheduledFuture<?> after(long millis, Runnable task) {
    return TIMER.schedule(task, millis, TimeUnit.MILLISECONDS);
  }
}
