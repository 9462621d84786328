package banksim.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.proto.BankServiceGrpc;
import banksim.proto.BankServiceGrpc.BankServiceBlockingStub;
import banksim.proto.CustomerRequest;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** 8 threads write to one branch at once: no update is lost and no withdrawal overdraws. */
@Tag("grpc")
class ConcurrentWritesTest {
  private static final int THREADS = 8;
  private static final int WRITES_PER_THREAD = 1_000;
  private static final long INITIAL = 1_000;

  @Test
  void concurrentWritesLoseNothingAndNeverOverdraw() throws Exception {
    String prefix = "concurrent-" + System.nanoTime() + "-";
    ManagedChannel toOrigin = InProcessChannelBuilder.forName(prefix + 1).build();
    ManagedChannel toReplica = InProcessChannelBuilder.forName(prefix + 2).build();
    List<Peer> cluster = List.of(Peer.of(1, "origin", toOrigin), Peer.of(2, "replica", toReplica));
    BranchServer origin =
        new BranchServer(
            1,
            INITIAL,
            InProcessServerBuilder.forName(prefix + 1),
            cluster,
            new PropagationPolicy(10_000, 0));
    BranchServer replica =
        new BranchServer(
            2,
            INITIAL,
            InProcessServerBuilder.forName(prefix + 2),
            cluster,
            new PropagationPolicy(10_000, 0));
    origin.start();
    replica.start();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      BankServiceBlockingStub stub = BankServiceGrpc.newBlockingStub(toOrigin);
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> writeMany(stub, thread)));
      }
      long deposited = 0;
      long withdrawn = 0;
      for (Future<long[]> result : results) {
        long[] sums = result.get(60, TimeUnit.SECONDS);
        deposited += sums[0];
        withdrawn += sums[1];
      }

      assertTrue(withdrawn > 0, "some withdrawals succeeded");
      assertEquals(INITIAL + deposited - withdrawn, origin.balance());
      assertEquals(origin.balance(), replica.balance());
      assertTrue(origin.balance() >= 0);
    } finally {
      pool.shutdownNow();
      toOrigin.shutdownNow();
      toReplica.shutdownNow();
      origin.stop();
      replica.stop();
    }
  }

  /** Alternates deposits of 1..10 with larger withdrawals; returns {deposited, withdrawn}. */
  private static long[] writeMany(BankServiceBlockingStub stub, int thread) {
    long deposited = 0;
    long withdrawn = 0;
    for (int i = 0; i < WRITES_PER_THREAD; i++) {
      boolean deposit = i % 2 == 0;
      int amount = deposit ? 1 + (i + thread) % 10 : 7 + (i * thread) % 13;
      CustomerRequest request =
          CustomerRequest.newBuilder()
              .setCustomerId(thread + 1)
              .setEvent(deposit ? "deposit" : "withdraw")
              .setAmount(amount)
              .build();
      boolean success =
          stub.withDeadlineAfter(10, TimeUnit.SECONDS).msgDelivery(request).getSuccess();
      if (deposit) {
        deposited += amount;
      } else if (success) {
        withdrawn += amount;
      }
    }
    return new long[] {deposited, withdrawn};
  }
}
