package banksim.cluster;

import banksim.customer.Customer;
import banksim.customer.CustomerFailedException;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.output.CustomerRecv;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A bank as this JVM sees it: one channel per branch, and the branches themselves served here,
 * run as processes of their own, or running elsewhere. Customers run against it one after another.
 */
public final class Bank implements AutoCloseable {
  private final BankInput input;
  private final ClusterConfig config;
  private final EventLoops loops = new EventLoops();
  private final BranchChannels channels;
  private BranchHost host;
  private BranchProcesses processes;

  private Bank(BankInput input, ClusterConfig config) {
    this.input = input;
    this.config = config;
    Map<Integer, InetSocketAddress> addresses = new LinkedHashMap<>();
    for (BranchSpec branch : input.branches()) {
      addresses.put(branch.id(), config.addresses().connectAddress(branch.id()));
    }
    this.channels = new BranchChannels(addresses, loops);
  }

  /** Every branch in this JVM; returns once every server listens and every channel is READY. */
  public static Bank inThisJvm(BankInput input, ClusterConfig config, Progress progress)
      throws RunFailedException, InterruptedException {
    Bank bank = new Bank(input, config);
    try {
      bank.host = BranchHost.start(input, ids(input), config, bank.channels, bank.loops, progress);
      bank.channels.connectAll(config.readyTimeoutMillis());
      return bank;
    } catch (RunFailedException | InterruptedException | RuntimeException e) {
      bank.close();
      throw e;
    }
  }

  /**
   * Serves some branches here, for others to call; the other branches may start later, in any
   * order (a propagation waits for a peer up to its deadline).
   */
  public static Bank serving(BankInput input, Collection<Integer> hosted, ClusterConfig config,
      Progress progress) throws RunFailedException, InterruptedException {
    Bank bank = new Bank(input, config);
    try {
      bank.host = BranchHost.start(input, hosted, config, bank.channels, bank.loops, progress);
      return bank;
    } catch (RunFailedException | InterruptedException | RuntimeException e) {
      bank.close();
      throw e;
    }
  }

  /** Every branch as a process of its own; returns once each reports SERVING. */
  public static Bank ofProcesses(BankInput input, ClusterConfig config, BranchLauncher launcher)
      throws RunFailedException, InterruptedException {
    Bank bank = new Bank(input, config);
    try {
      bank.processes = BranchProcesses.start(ids(input), launcher);
      bank.channels.awaitServing(ids(input), config.readyTimeoutMillis(), bank.processes.failed());
      return bank;
    } catch (RunFailedException | InterruptedException | RuntimeException e) {
      bank.close();
      throw e;
    }
  }

  /** Branches running elsewhere; returns once each reports SERVING, within the timeout. */
  public static Bank remote(BankInput input, ClusterConfig config)
      throws RunFailedException, InterruptedException {
    Bank bank = new Bank(input, config);
    try {
      bank.channels.awaitServing(ids(input), config.readyTimeoutMillis(), new CompletableFuture<>());
      return bank;
    } catch (RunFailedException | InterruptedException | RuntimeException e) {
      bank.close();
      throw e;
    }
  }

  private static List<Integer> ids(BankInput input) {
    return input.branches().stream().map(BranchSpec::id).toList();
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
        throw processFailure().orElse(new RunFailedException(e.getMessage(), e));
      }
      progress.customerDone(received.size(), input.customers().size());
    }
    return received;
  }

  /** Where a branch process died, that is the better explanation of a failed call. */
  private Optional<RunFailedException> processFailure() {
    return processes != null && processes.failed().isDone()
        ? Optional.of(processes.failed().join()) : Optional.empty();
  }

  /** The process ids of the branch processes, if the branches run as processes. */
  public List<Long> branchPids() {
    return processes == null ? List.of() : processes.pids();
  }

  /** Shuts down every channel, every branch served here or started here, then the threads. */
  @Override
  public void close() throws InterruptedException {
    channels.close();
    if (host != null) {
      host.close();
    }
    if (processes != null) {
      processes.close();
    }
    loops.close();
  }
}
