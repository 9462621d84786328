package banksim.cluster;

/**
 * Where the branches are and how long calls may take.
 *
 * @param deadlineMillis the deadline of one propagation call; a customer's call gets twice that,
 *     since a write waits for its propagation
 * @param readyTimeoutMillis how long start-up may wait for every server and channel
 */
public record ClusterConfig(BranchAddresses addresses, long deadlineMillis,
    long readyTimeoutMillis) {
  public static final long DEFAULT_DEADLINE_MILLIS = 5_000;
  public static final long DEFAULT_READY_TIMEOUT_MILLIS = 30_000;

  public long customerDeadlineMillis() {
    return 2 * deadlineMillis;
  }
}
