package banksim.cluster;

import banksim.branch.BranchServer;
import banksim.branch.Peer;
import banksim.customer.Customer;
import banksim.customer.CustomerFailedException;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.output.CustomerRecv;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole bank in this JVM: one Netty gRPC server per branch, one shared channel per branch, and
 * the customers run against them one after another.
 */
public final class LocalBank implements AutoCloseable {
  private final BankInput input;
  private final ClusterConfig config;
  private final EventLoops loops = new EventLoops();
  private final BranchChannels channels;
  private final List<BranchServer> servers = new ArrayList<>();

  private LocalBank(BankInput input, ClusterConfig config) {
    this.input = input;
    this.config = config;
    Map<Integer, InetSocketAddress> addresses = new LinkedHashMap<>();
    input.branches().forEach(branch -> addresses.put(branch.id(), config.connectAddress(branch.id())));
    this.channels = new BranchChannels(addresses, loops);
  }

  /**
   * Starts every branch and returns once every server listens and every channel is ready.
   * On failure, whatever was started is stopped again.
   */
  public static LocalBank start(BankInput input, ClusterConfig config, Progress progress)
      throws RunFailedException, InterruptedException {
    LocalBank bank = new LocalBank(input, config);
    try {
      bank.startServers(progress);
      bank.channels.connectAll(config.readyTimeoutMillis());
      return bank;
    } catch (RunFailedException | InterruptedException | RuntimeException e) {
      bank.close();
      throw e;
    }
  }

  private void startServers(Progress progress) throws RunFailedException {
    List<Peer> cluster = input.branches().stream()
        .map(b -> Peer.of(b.id(), channels.address(b.id()), channels.channel(b.id())))
        .toList();
    for (BranchSpec branch : input.branches()) {
      InetSocketAddress address = config.listenAddress(branch.id());
      // SO_REUSEADDR: a port whose last connection lingers in TIME_WAIT (Linux hands 50000+
      // out as client ports too) can still be listened on; a port with a listener still cannot.
      NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
          .bossEventLoopGroup(loops.group())
          .workerEventLoopGroup(loops.group())
          .channelType(EventLoops.SERVER_CHANNEL)
          .withOption(ChannelOption.SO_REUSEADDR, true)
          .directExecutor();
      BranchServer server = new BranchServer(branch.id(), branch.balance(), builder, cluster,
          config.deadlineMillis());
      try {
        server.start();
      } catch (IOException e) {
        if (e.getCause() instanceof BindException || e instanceof BindException) {
          throw new PortInUseException(branch.id(), ClusterConfig.show(address), e);
        }
        throw new RunFailedException("branch " + branch.id() + " cannot listen on "
            + ClusterConfig.show(address) + ": " + e.getMessage(), e);
      }
      servers.add(server);
      progress.branchStarted(servers.size(), input.branches().size());
    }
  }

  /** Runs every customer in input order, each event in order; returns what they received. */
  public List<CustomerRecv> runCustomers(Progress progress) throws RunFailedException {
    List<CustomerRecv> received = new ArrayList<>(input.customers().size());
    for (CustomerSpec spec : input.customers()) {
      Customer customer = new Customer(spec, channels::blockingStub,
          config.customerDeadlineMillis(),
          (event, nanos) -> progress.eventAnswered(event.operation(), nanos));
      try {
        received.add(customer.run());
      } catch (CustomerFailedException e) {
        throw new RunFailedException(e.getMessage(), e);
      }
      progress.customerDone(received.size(), input.customers().size());
    }
    return received;
  }

  /** Each branch's balance now, by id. */
  public Map<Integer, Long> balances() {
    Map<Integer, Long> balances = new LinkedHashMap<>();
    servers.forEach(server -> balances.put(server.id(), server.balance()));
    return balances;
  }

  /** Shuts down every channel, then every server, then their threads, waiting for each. */
  @Override
  public void close() throws InterruptedException {
    channels.close();
    for (BranchServer server : servers) {
      server.stop();
    }
    loops.close();
  }
}
