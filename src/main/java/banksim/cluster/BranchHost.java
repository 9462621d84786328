package banksim.cluster;

import banksim.branch.BranchServer;
import banksim.branch.CallerAuthorization;
import banksim.branch.Peer;
import banksim.certs.Names;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.trace.Tracer;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Some or all branches of a bank, served by this JVM: one Netty gRPC server each, propagating
 * through the JVM's one channel per branch.
 */
final class BranchHost implements AutoCloseable {
  /** How long running calls may go on once every hosted branch stops taking new ones. */
  private static final long CALLS_GRACE_MILLIS = 1_000;

  private final List<BranchServer> servers = new ArrayList<>();

  private BranchHost() {}

  /**
   * Starts the given branches; returns once each listens. On failure the ones started are stopped
   * again.
   */
  static BranchHost start(
      BankInput input,
      Collection<Integer> hosted,
      ClusterConfig config,
      BranchChannels channels,
      EventLoops loops,
      Progress progress,
      Tracer tracer)
      throws RunFailedException, InterruptedException {
    List<Peer> cluster =
        input.branches().stream()
            .map(b -> Peer.of(b.id(), channels.address(b.id()), channels.channel(b.id())))
            .toList();
    BranchHost host = new BranchHost();
    try {
      for (BranchSpec branch : input.branches()) {
        if (hosted.contains(branch.id())) {
          host.servers.add(startOne(branch, cluster, config, loops, tracer));
          progress.branchStarted(host.servers.size(), hosted.size());
        }
      }
      return host;
    } catch (RunFailedException | RuntimeException e) {
      host.close();
      throw e;
    }
  }

  private static BranchServer startOne(
      BranchSpec branch, List<Peer> cluster, ClusterConfig config, EventLoops loops, Tracer tracer)
      throws RunFailedException {
    InetSocketAddress address = config.addresses().listenAddress(branch.id());
    // SO_REUSEADDR: a port whose last connection lingers in TIME_WAIT (Linux hands 50000+
    // out as client ports too) can still be listened on; a port with a listener still cannot.
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(address)
            .bossEventLoopGroup(loops.group())
            .workerEventLoopGroup(loops.group())
            .channelType(loops.serverChannel())
            .withOption(ChannelOption.SO_REUSEADDR, true)
            .directExecutor();
    if (config.tls().isPresent()) {
      builder
          .sslContext(TlsContexts.server(config.tls().get(), branch.id()))
          .intercept(new CallerAuthorization(Names::isBranch));
    }
    BranchServer server =
        new BranchServer(
            branch.id(), branch.balance(), builder, cluster, config.propagation(), tracer);
    try {
      server.start();
    } catch (IOException e) {
      if (addressInUse(e)) {
        throw new PortInUseException(
            branch.id(), BranchAddresses.show(address), address.getPort(), e);
      }
      throw new RunFailedException(
          "branch "
              + branch.id()
              + " cannot listen on "
              + BranchAddresses.show(address)
              + ": "
              + e.getMessage(),
          e);
    }
    return server;
  }

  /** NIO reports a taken port as a BindException, Netty's epoll transport by its errno text. */
  private static boolean addressInUse(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }

  /** Stops every hosted branch, waiting for each. */
  @Override
  public void close() throws InterruptedException {
    servers.forEach(BranchServer::beginStop);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CALLS_GRACE_MILLIS);
    for (BranchServer server : servers) {
      server.awaitStop(deadline);
    }
  }
}
