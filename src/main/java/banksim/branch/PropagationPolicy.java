package banksim.branch;

/**
 * How a branch propagates a write to a peer (SPEC section 8).
 *
 * @param deadlineMillis the deadline of each attempt
 * @param retries further attempts after an UNAVAILABLE or DEADLINE_EXCEEDED; the operation id lets
 *     the peer apply a retried write once
 * @param mode when the customer is answered: after every peer acknowledged, or at once
 * @param delayMillis how long each propagation is held before it is sent (async only)
 */
public record PropagationPolicy(long deadlineMillis, int retries, Mode mode, long delayMillis) {
  /** When a write's customer is answered. */
  public enum Mode {
    /** Once every peer acknowledged the write: the seed's design. */
    SYNC,
    /** Once the write is applied here; the peers get it in the background. */
    ASYNC,
    /**
     * Once the coordinator applied it everywhere: every write of the bank in one order, a
     * withdrawal decided on a balance every replica shares, a failure applied nowhere.
     */
    STRONG;

    /** "sync", "async": the name on the command line and in messages. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The mode with this {@link #label()}, if any. */
    public static java.util.Optional<Mode> ofLabel(String label) {
      return java.util.Arrays.stream(values()).filter(m -> m.label().equals(label)).findFirst();
    }
  }

  /** The seed's design: synchronous, nothing held. */
  public PropagationPolicy(long deadlineMillis, int retries) {
    this(deadlineMillis, retries, Mode.SYNC, 0);
  }

  /** Whether customers are answered before the peers have a write. */
  public boolean asynchronous() {
    return mode == Mode.ASYNC;
  }

  /** The longest a propagation can take: every attempt up to its deadline. */
  public long worstCaseMillis() {
    return (retries + 1L) * deadlineMillis;
  }
}
