package banksim.cluster;

import banksim.branch.PropagationPolicy;
import banksim.certs.TlsMaterial;
import java.util.Optional;

/**
 * Where the branches are, how long calls may take, and whether they talk over mutual TLS.
 *
 * @param propagation the deadline and retries of each propagation call
 * @param readyTimeoutMillis how long start-up may wait for every server and channel
 * @param tls the credentials of this JVM's servers and channels; empty for plaintext
 */
public record ClusterConfig(
    BranchAddresses addresses,
    PropagationPolicy propagation,
    long readyTimeoutMillis,
    Optional<TlsMaterial> tls) {
  public static final long DEFAULT_READY_TIMEOUT_MILLIS = 30_000;

  /** In plaintext. */
  public ClusterConfig(
      BranchAddresses addresses, PropagationPolicy propagation, long readyTimeoutMillis) {
    this(addresses, propagation, readyTimeoutMillis, Optional.empty());
  }

  public ClusterConfig withTls(TlsMaterial material) {
    return new ClusterConfig(addresses, propagation, readyTimeoutMillis, Optional.of(material));
  }

  /** A customer's call covers its write's propagation, retries included, and one more deadline. */
  public long customerDeadlineMillis() {
    return propagation.worstCaseMillis() + propagation.deadlineMillis();
  }
}
