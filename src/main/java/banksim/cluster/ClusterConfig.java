package banksim.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where the branches of one JVM listen and how long calls may take.
 *
 * @param bind the address every branch listens on
 * @param basePort branch N listens on basePort + N
 * @param deadlineMillis the deadline of one propagation call; a customer's call gets twice that,
 *     since a write waits for its propagation
 * @param readyTimeoutMillis how long start-up may wait for every server and channel
 */
public record ClusterConfig(InetAddress bind, int basePort, long deadlineMillis,
    long readyTimeoutMillis) {
  public static final long DEFAULT_DEADLINE_MILLIS = 5_000;
  public static final long DEFAULT_READY_TIMEOUT_MILLIS = 30_000;

  public InetSocketAddress listenAddress(int branchId) {
    return new InetSocketAddress(bind, basePort + branchId);
  }

  /** Where to reach a branch: its listen address, or loopback where it listens on every address. */
  public InetSocketAddress connectAddress(int branchId) {
    InetAddress host = bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bind;
    return new InetSocketAddress(host, basePort + branchId);
  }

  public long customerDeadlineMillis() {
    return 2 * deadlineMillis;
  }

  /** "127.0.0.1:50001", or "[::1]:50001" for IPv6. */
  public static String show(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
