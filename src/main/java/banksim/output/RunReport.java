package banksim.output;

import java.util.Map;

/**
 * What {@code --stats FILE} reports about one run. Times in milliseconds, latencies in
 * microseconds.
 *
 * @param launchToReadyMs from the launch of the process to every branch ready
 * @param startMs starting every server and connecting every channel
 * @param customersMs the customers' events, first sent to last answered
 * @param latencyUs per interface ("deposit", "withdraw", "query"): what a customer waited
 * @param openFds file descriptors open at the end of the customers' phase (-1: not on Linux)
 */
public record RunReport(
    int branches,
    int customers,
    int events,
    long launchToReadyMs,
    long startMs,
    long customersMs,
    long shutdownMs,
    double eventsPerSecond,
    Map<String, LatencySummary> latencyUs,
    int openFds,
    int threads,
    int peakThreads) {

  /** Latencies of one kind of event. */
  public record LatencySummary(int count, double mean, double p50, double p99) {}
}
