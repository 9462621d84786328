package banksim.cluster;

import banksim.customer.Customer;
import banksim.customer.CustomerFailedException;
import banksim.customer.Guarantees;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.output.CustomerRecv;
import banksim.proto.BalanceQuery;
import banksim.proto.DrainRequest;
import banksim.proto.Drained;
import banksim.proto.ReplicationGrpc;
import banksim.proto.ResponseMessage;
import banksim.trace.Tracer;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A bank as this JVM sees it: one channel per branch, and the branches themselves served here, run
 * as processes of their own, or running elsewhere. Customers run against it one after another.
 */
public final class Bank implements AutoCloseable {
  private final BankInput input;
  private final ClusterConfig config;
  private final Tracer tracer;
  private final EventLoops loops = new EventLoops();
  private final BranchChannels channels;
  private BranchHost host;
  private BranchProcesses processes;

  private Bank(BankInput input, ClusterConfig config, Tracer tracer) throws RunFailedException {
    this.input = input;
    this.config = config;
    this.tracer = tracer;
    Map<Integer, InetSocketAddress> addresses = new LinkedHashMap<>();
    for (BranchSpec branch : input.branches()) {
      addresses.put(branch.id(), config.addresses().connectAddress(branch.id()));
    }
    this.channels = new BranchChannels(addresses, loops, TlsContexts.client(config));
  }

  /** Every branch in this JVM; returns once every server listens and every channel is READY. */
  public static Bank inThisJvm(
      BankInput input, ClusterConfig config, Progress progress, Tracer tracer)
      throws RunFailedException, InterruptedException {
    return open(
        input,
        config,
        tracer,
        bank -> {
          bank.host(ids(input), progress, false);
          bank.channels.connectAll(config.readyTimeoutMillis());
        });
  }

  /**
   * Serves some branches here, for others to call; the other branches may start later, in any order
   * (a propagation waits for a peer up to its deadline).
   *
   * @param rejoin whether each hosted branch first takes the bank over from a live peer elsewhere
   *     that applied writes already (it restarted; see {@link #rejoined()})
   */
  public static Bank serving(
      BankInput input,
      Collection<Integer> hosted,
      ClusterConfig config,
      Tracer tracer,
      boolean rejoin)
      throws RunFailedException, InterruptedException {
    return open(input, config, tracer, bank -> bank.host(hosted, Progress.NONE, rejoin));
  }

  /** One line for each branch served here that took the bank over from a peer as it started. */
  public List<String> rejoined() {
    return host == null ? List.of() : host.rejoined();
  }

  /**
   * Every branch as a process of its own; returns once each reports SERVING.
   *
   * @param onRestart hears one line for each branch process that ended and is started again (it
   *     rejoins the bank); null: a branch process that ends fails the run
   */
  public static Bank ofProcesses(
      BankInput input,
      ClusterConfig config,
      BranchLauncher launcher,
      Tracer tracer,
      Consumer<String> onRestart)
      throws RunFailedException, InterruptedException {
    return open(
        input,
        config,
        tracer,
        bank -> {
          // A branch process that says it listens is called at once, not when the channel's
          // reconnect back-off (up to two minutes) runs out.
          bank.processes =
              BranchProcesses.start(
                  ids(input),
                  launcher,
                  bank.channels::address,
                  bank.channels::reconnectNow,
                  onRestart);
          // A branch that dies ends every call in flight at once, not at its deadline.
          var unused = bank.processes.failed().thenRun(bank.channels::abort);
          bank.channels.awaitServing(
              ids(input), config.readyTimeoutMillis(), bank.processes.failed());
        });
  }

  /**
   * Branches running elsewhere, of any implementation; returns once each is ready (SERVING on the
   * gRPC health service, or connected where a branch has none), within the timeout.
   */
  public static Bank remote(BankInput input, ClusterConfig config, Tracer tracer)
      throws RunFailedException, InterruptedException {
    return open(
        input,
        config,
        tracer,
        bank ->
            bank.channels.awaitServing(
                ids(input), config.readyTimeoutMillis(), new CompletableFuture<>()));
  }

  /** One step of opening a bank; on failure, whatever it started is closed again. */
  @FunctionalInterface
  private interface Opening {
    void start(Bank bank) throws RunFailedException, InterruptedException;
  }

  private static Bank open(BankInput input, ClusterConfig config, Tracer tracer, Opening opening)
      throws RunFailedException, InterruptedException {
    Bank bank = new Bank(input, config, tracer);
    try {
      opening.start(bank);
      return bank;
    } catch (RunFailedException | InterruptedException | RuntimeException e) {
      bank.close();
      throw e;
    }
  }

  /** Serves the given branches in this JVM, on this bank's channels and event loops. */
  private void host(Collection<Integer> hosted, Progress progress, boolean rejoin)
      throws RunFailedException, InterruptedException {
    host = BranchHost.start(input, hosted, config, channels, loops, progress, tracer, rejoin);
  }

  private static List<Integer> ids(BankInput input) {
    return input.branches().stream().map(BranchSpec::id).toList();
  }

  /** Runs every customer in input order, each event in order; returns what they received. */
  public List<CustomerRecv> runCustomers(Progress progress, Guarantees guarantees)
      throws RunFailedException {
    List<CustomerRecv> received = new ArrayList<>(input.customers().size());
    for (CustomerSpec spec : input.customers()) {
      received.add(runCustomer(spec, progress, guarantees));
      progress.customerDone(received.size(), input.customers().size());
    }
    return received;
  }

  /**
   * Runs every customer at once, each on a thread of its own and each customer's events in order;
   * returns what they received, in input order.
   */
  public List<CustomerRecv> runCustomersConcurrently(Progress progress, Guarantees guarantees)
      throws RunFailedException, InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, input.customers().size()),
            new DefaultThreadFactory("bank-sim-customer", true));
    try {
      AtomicInteger done = new AtomicInteger();
      List<Future<CustomerRecv>> futures = new ArrayList<>();
      for (CustomerSpec spec : input.customers()) {
        futures.add(
            pool.submit(
                () -> {
                  CustomerRecv recv = runCustomer(spec, progress, guarantees);
                  progress.customerDone(done.incrementAndGet(), input.customers().size());
                  return recv;
                }));
      }
      List<CustomerRecv> received = new ArrayList<>(futures.size());
      for (Future<CustomerRecv> future : futures) {
        try {
          received.add(future.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RunFailedException failed) {
            throw failed;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
      return received;
    } finally {
      pool.shutdownNow();
    }
  }

  private CustomerRecv runCustomer(CustomerSpec spec, Progress progress, Guarantees guarantees)
      throws RunFailedException {
    Customer customer =
        new Customer(
            spec,
            channels::blockingStub,
            config.customerDeadlineMillis(),
            (event, nanos) -> progress.eventAnswered(event.operation(), nanos),
            tracer,
            guarantees);
    try {
      return customer.run();
    } catch (CustomerFailedException e) {
      throw processFailure()
          .orElse(
              new RunFailedException(
                  e.getMessage()
                      + " [branch "
                      + e.branch()
                      + " at "
                      + channels.address(e.branch())
                      + "]",
                  e));
    }
  }

  /**
   * Waits until no branch has a write in flight (with asynchronous propagation, writes go on after
   * their customers got answers), each within the timeout. A branch of another implementation,
   * which has no such service, is not waited for.
   */
  public void awaitDrained(long timeoutMillis) throws RunFailedException, InterruptedException {
    Map<Integer, ListenableFuture<Drained>> asked = new LinkedHashMap<>();
    for (BranchSpec branch : input.branches()) {
      asked.put(
          branch.id(),
          ReplicationGrpc.newFutureStub(channels.channel(branch.id()))
              .withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
              .drain(DrainRequest.newBuilder().setBranchId(branch.id()).build()));
    }
    for (var entry : asked.entrySet()) {
      try {
        entry.getValue().get();
      } catch (ExecutionException e) {
        Status status = Status.fromThrowable(e.getCause());
        if (status.getCode() != Status.Code.UNIMPLEMENTED) {
          throw new RunFailedException(
              "branch "
                  + entry.getKey()
                  + " at "
                  + channels.address(entry.getKey())
                  + " did not get its writes to every branch within "
                  + timeoutMillis
                  + " ms: "
                  + status.getCode()
                  + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")"),
              e);
        }
      }
    }
  }

  /** Every branch's balance now, asked with the Query RPC, by id in input order. */
  public Map<Integer, Long> balances() throws RunFailedException {
    Map<Integer, Long> balances = new LinkedHashMap<>();
    for (BranchSpec branch : input.branches()) {
      try {
        ResponseMessage reply =
            // Waits for a branch that is starting again (--restart-on-crash), up to the deadline.
            channels
                .blockingStub(branch.id())
                .withWaitForReady()
                .withDeadlineAfter(config.propagation().deadlineMillis(), TimeUnit.MILLISECONDS)
                .query(BalanceQuery.newBuilder().setBranchId(branch.id()).build());
        balances.put(branch.id(), Long.parseLong(reply.getMessage()));
      } catch (StatusRuntimeException | NumberFormatException e) {
        throw new RunFailedException(
            "cannot read the balance of branch "
                + branch.id()
                + " at "
                + channels.address(branch.id())
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return balances;
  }

  /**
   * Where a branch process died, that is the better explanation of a failed call; its exit may be
   * noticed a moment after the call failed.
   */
  private Optional<RunFailedException> processFailure() {
    if (processes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(processes.failed().get(1, TimeUnit.SECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
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
