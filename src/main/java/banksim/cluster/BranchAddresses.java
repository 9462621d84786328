package banksim.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each branch listens and where the others reach it: port base + id on one address, or one
 * entry per branch from a cluster file (branches on several hosts).
 */
public record BranchAddresses(
    Map<Integer, InetSocketAddress> listen, Map<Integer, InetSocketAddress> connect) {
  public BranchAddresses {
    listen = Map.copyOf(listen);
    connect = Map.copyOf(connect);
  }

  /** Branch N on {@code bind}, port {@code basePort + N}; reached on loopback where bind is *. */
  public static BranchAddresses onPorts(InetAddress bind, int basePort, Collection<Integer> ids) {
    InetAddress reach = bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bind;
    Map<Integer, InetSocketAddress> listen = new LinkedHashMap<>();
    Map<Integer, InetSocketAddress> connect = new LinkedHashMap<>();
    for (int id : ids) {
      listen.put(id, new InetSocketAddress(bind, basePort + id));
      connect.put(id, new InetSocketAddress(reach, basePort + id));
    }
    return new BranchAddresses(listen, connect);
  }

  /**
   * Every branch at its cluster-file address; each listens on its own entry, or on {@code bind}
   * (with the entry's port) where one is given.
   */
  public static BranchAddresses fromCluster(
      Map<Integer, InetSocketAddress> entries, InetAddress bind) {
    Map<Integer, InetSocketAddress> listen = new LinkedHashMap<>();
    entries.forEach(
        (id, address) ->
            listen.put(
                id, bind == null ? address : new InetSocketAddress(bind, address.getPort())));
    return new BranchAddresses(listen, entries);
  }

  public InetSocketAddress listenAddress(int branchId) {
    return listen.get(branchId);
  }

  public InetSocketAddress connectAddress(int branchId) {
    return connect.get(branchId);
  }

  /** "127.0.0.1:50001", or "[::1]:50001" for IPv6. */
  public static String show(InetSocketAddress address) {
    String host =
        address.getAddress() == null
            ? address.getHostString()
            : address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
