package banksim.cluster;

import banksim.input.Operation;
import banksim.output.RunReport.LatencySummary;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long each customer event took, by kind, for the run's statistics; customers may share it. */
public final class EventTimes implements Progress {
  private final Map<Operation, long[]> nanos = new EnumMap<>(Operation.class);
  private final Map<Operation, Integer> counts = new EnumMap<>(Operation.class);

  @Override
  public synchronized void eventAnswered(Operation operation, long elapsedNanos) {
    int count = counts.getOrDefault(operation, 0);
    long[] times = nanos.computeIfAbsent(operation, op -> new long[64]);
    if (count == times.length) {
      times = Arrays.copyOf(times, count * 2);
      nanos.put(operation, times);
    }
    times[count] = elapsedNanos;
    counts.put(operation, count + 1);
  }

  /** Count, mean, p50 and p99 in microseconds per interface name, in the enum's order. */
  public synchronized Map<String, LatencySummary> summaries() {
    Map<String, LatencySummary> summaries = new LinkedHashMap<>();
    counts.forEach(
        (operation, count) -> {
          long[] sorted = Arrays.copyOf(nanos.get(operation), count);
          Arrays.sort(sorted);
          double mean = Arrays.stream(sorted).average().orElse(0);
          summaries.put(
              operation.wireName(),
              new LatencySummary(
                  count,
                  micros(mean),
                  micros((double) percentile(sorted, 50)),
                  micros((double) percentile(sorted, 99))));
        });
    return summaries;
  }

  /** Nearest-rank percentile of a sorted, non-empty array. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double micros(double nanos) {
    return Math.round(nanos / 100.0) / 10.0;
  }
}
