package banksim.cluster;

import banksim.branch.BranchServer;
import banksim.branch.CallerAuthorization;
import banksim.branch.Peer;
import banksim.branch.Rejoin;
import banksim.certs.Names;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.trace.Tracer;
import io.grpc.ManagedChannel;
import io.grpc.netty.InternalNettyServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Some or all branches of a bank, served by this JVM: one Netty gRPC server each, propagating
 * through the JVM's one channel per branch.
 */
final class BranchHost implements AutoCloseable {
  /** How long a restarted branch waits for its port, which its killed predecessor may hold. */
  private static final long PORT_WAIT_MILLIS = 5_000;

  private static final long PORT_RETRY_MILLIS = 100;

  /** How long running calls may go on once every hosted branch stops taking new ones. */
  private static final long CALLS_GRACE_MILLIS = 1_000;

  private final List<BranchServer> servers = new ArrayList<>();
  private final List<String> rejoined = new ArrayList<>();

  private BranchHost() {}

  /**
   * Starts the given branches; returns once each listens. On failure the ones started are stopped
   * again.
   *
   * @param rejoin whether a branch first takes the bank over from its live peers elsewhere (it
   *     restarted), where they applied writes already
   */
  static BranchHost start(
      BankInput input,
      Collection<Integer> hosted,
      ClusterConfig config,
      BranchChannels channels,
      EventLoops loops,
      Progress progress,
      Tracer tracer,
      boolean rejoin)
      throws RunFailedException, InterruptedException {
    List<Peer> cluster =
        input.branches().stream()
            .map(b -> Peer.of(b.id(), channels.address(b.id()), channels.channel(b.id())))
            .toList();
    BranchHost host = new BranchHost();
    try {
      for (BranchSpec branch : input.branches()) {
        if (hosted.contains(branch.id())) {
          BranchServer server = create(branch, cluster, config, loops, tracer);
          Optional<Rejoin.Joined> joined = Optional.empty();
          if (rejoin) {
            List<Integer> elsewhere =
                input.branches().stream()
                    .map(BranchSpec::id)
                    .filter(id -> !hosted.contains(id))
                    .toList();
            joined =
                host.rejoin(
                    server, channels.probes(elsewhere), config.propagation().deadlineMillis());
          }
          long portDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PORT_WAIT_MILLIS);
          while (true) {
            try {
              start(server, config);
              break;
            } catch (PortInUseException e) {
              // A branch started again at once may find its port still held by its killed
              // predecessor, which is ending: give that a few seconds. A gRPC server does not
              // start twice, so the next attempt is a new one, with the same state.
              if (!rejoin || System.nanoTime() > portDeadline) {
                throw e;
              }
              Thread.sleep(PORT_RETRY_MILLIS);
              server = create(branch, cluster, config, loops, tracer);
              joined.ifPresent(server::restore);
            }
          }
          host.servers.add(server);
          progress.branchStarted(host.servers.size(), hosted.size());
        }
      }
      return host;
    } catch (RunFailedException | RuntimeException e) {
      host.close();
      throw e;
    }
  }

  /**
   * Takes the bank over from the first live peer that applied writes already; without one (the bank
   * is starting) the branch keeps the input's balance.
   */
  private Optional<Rejoin.Joined> rejoin(
      BranchServer server, Map<Integer, ManagedChannel> probes, long deadlineMillis)
      throws RunFailedException, InterruptedException {
    try {
      Optional<Rejoin.Joined> joined = Rejoin.from(Map.copyOf(probes), deadlineMillis);
      if (joined.isPresent()) {
        server.restore(joined.get());
        rejoined.add(
            "branch "
                + server.id()
                + " rejoined: took the bank over from branch "
                + joined.get().from()
                + " (balance "
                + server.balance()
                + ", "
                + joined.get().inFlight().size()
                + " writes in flight)");
      }
      return joined;
    } catch (ArithmeticException e) {
      throw new RunFailedException(
          "branch " + server.id() + " cannot rejoin: its balance would leave the range of a long",
          e);
    } finally {
      probes.values().forEach(ManagedChannel::shutdownNow);
    }
  }

  /** What each branch that rejoined took over, one line each, for the user. */
  List<String> rejoined() {
    return List.copyOf(rejoined);
  }

  private static BranchServer create(
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
    // As for channels (BranchChannels): no census here, so no failing look-up for it.
    InternalNettyServerBuilder.setStatsEnabled(builder, false);
    InternalNettyServerBuilder.setTracingEnabled(builder, false);
    if (config.tls().isPresent()) {
      builder
          .sslContext(TlsContexts.server(config.tls().get(), branch.id()))
          .intercept(new CallerAuthorization(Names::isBranch));
    }
    return new BranchServer(
        branch.id(), branch.balance(), builder, cluster, config.propagation(), tracer);
  }

  private static void start(BranchServer server, ClusterConfig config) throws RunFailedException {
    InetSocketAddress address = config.addresses().listenAddress(server.id());
    try {
      server.start();
    } catch (IOException e) {
      if (addressInUse(e)) {
        throw new PortInUseException(
            server.id(), BranchAddresses.show(address), address.getPort(), e);
      }
      throw new RunFailedException(
          "branch "
              + server.id()
              + " cannot listen on "
              + BranchAddresses.show(address)
              + ": "
              + e.getMessage(),
          e);
    }
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
