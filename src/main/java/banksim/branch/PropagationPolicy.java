package banksim.branch;

/**
 * How a branch propagates a write to a peer.
 *
 * @param deadlineMillis the deadline of each attempt
 * @param retries further attempts after an UNAVAILABLE or DEADLINE_EXCEEDED; the operation id lets
 *     the peer apply a retried write once
 */
public record PropagationPolicy(long deadlineMillis, int retries) {
  /** The longest a propagation can take: every attempt up to its deadline. */
  public long worstCaseMillis() {
    return (retries + 1L) * deadlineMillis;
  }
}
