package banksim.cluster;

import banksim.branch.PropagationPolicy;

/**
 * Where the branches are and how long calls may take.
 *
 * @param propagation the deadline and retries of each propagation call
 * @param readyTimeoutMillis how long start-up may wait for every server and channel
 */
public record ClusterConfig(
    BranchAddresses addresses, PropagationPolicy propagation, long readyTimeoutMillis) {
  public static final long DEFAULT_READY_TIMEOUT_MILLIS = 30_000;

  /** A customer's call covers its write's propagation, retries included, and one more deadline. */
  public long customerDeadlineMillis() {
    return propagation.worstCaseMillis() + propagation.deadlineMillis();
  }
}
