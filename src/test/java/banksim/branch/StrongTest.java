package banksim.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.proto.BalanceQuery;
import banksim.proto.BankServiceGrpc;
import banksim.proto.CustomerRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Strong's invariant: a write is applied at every branch or at none, whatever fails. */
@Tag("grpc")
class StrongTest {
  private final String prefix = "strong-" + System.nanoTime() + "-";
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final Map<Integer, BranchServer> branches = new LinkedHashMap<>();

  @AfterEach
  void stopAll() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (BranchServer branch : branches.values()) {
      branch.stop();
    }
  }

  private ManagedChannel channel(int id) {
    ManagedChannel channel = InProcessChannelBuilder.forName(prefix + id).build();
    channels.add(channel);
    return channel;
  }

  private void startAll(int count) throws Exception {
    List<Peer> cluster = new ArrayList<>();
    for (int id = 1; id <= count; id++) {
      cluster.add(Peer.of(id, "in-process " + id, channel(id)));
    }
    PropagationPolicy policy = new PropagationPolicy(300, 0, PropagationPolicy.Mode.STRONG, 0);
    for (int id = 1; id <= count; id++) {
      BranchServer branch =
          new BranchServer(id, 100, InProcessServerBuilder.forName(prefix + id), cluster, policy);
      branch.start();
      branches.put(id, branch);
    }
  }

  private static CustomerRequest write(String event, int amount) {
    return CustomerRequest.newBuilder().setCustomerId(1).setEvent(event).setAmount(amount).build();
  }

  private long balance(int id) {
    return Long.parseLong(
        BankServiceGrpc.newBlockingStub(channel(id))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .query(BalanceQuery.getDefaultInstance())
            .getMessage());
  }

  @Test
  void aWriteIsAppliedAtEveryBranchThroughTheCoordinator() throws Exception {
    startAll(3);

    assertTrue(
        BankServiceGrpc.newBlockingStub(channel(3))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .msgDelivery(write("withdraw", 60))
            .getSuccess());
    assertEquals(
        "fail",
        BankServiceGrpc.newBlockingStub(channel(2))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .msgDelivery(write("withdraw", 60))
            .getMessage(),
        "the second is decided on the balance the first left everywhere");
    for (int id = 1; id <= 3; id++) {
      assertEquals(40, balance(id), "branch " + id);
    }
  }

  @Test
  void aWriteABranchCannotPrepareIsAppliedNowhere() throws Exception {
    startAll(3);
    branches.remove(3).stop(); // branch 3 is down: it cannot prepare

    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                BankServiceGrpc.newBlockingStub(channel(2))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .msgDelivery(write("deposit", 25)));

    assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
    assertTrue(
        e.getStatus().getDescription().contains("not applied anywhere: branch 3"),
        e.getStatus().getDescription());
    assertEquals(100, balance(1), "not at the coordinator");
    assertEquals(100, balance(2), "not at the customer's branch");
  }
}
