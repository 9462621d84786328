package banksim.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.proto.BalanceQuery;
import banksim.proto.BankServiceGrpc;
import banksim.proto.BankServiceGrpc.BankServiceBlockingStub;
import banksim.proto.BranchRequest;
import banksim.proto.CustomerRequest;
import banksim.proto.ResponseMessage;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every row of SPEC section 1's RPC table, on three branches joined by in-process channels. */
@Tag("grpc")
class BranchServerTest {
  private final String prefix = "branch-test-" + System.nanoTime() + "-";
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<BranchServer> branches = new ArrayList<>();

  /** Starts branches 1..n, each with the given balance, all wired to each other. */
  private List<BranchServer> start(long... balances) throws Exception {
    List<Peer> cluster = new ArrayList<>();
    for (int id = 1; id <= balances.length; id++) {
      cluster.add(Peer.of(id, "in-process " + id, channel(prefix + id)));
    }
    for (int id = 1; id <= balances.length; id++) {
      BranchServer branch =
          new BranchServer(
              id,
              balances[id - 1],
              InProcessServerBuilder.forName(prefix + id).directExecutor(),
              cluster,
              new PropagationPolicy(2_000, 0));
      branch.start();
      branches.add(branch);
    }
    return branches;
  }

  private ManagedChannel channel(String name) {
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    channels.add(channel);
    return channel;
  }

  private BankServiceBlockingStub stub(int id) {
    return BankServiceGrpc.newBlockingStub(channel(prefix + id))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (BranchServer branch : branches) {
      branch.stop();
    }
  }

  private static CustomerRequest event(String event, int amount) {
    return CustomerRequest.newBuilder().setCustomerId(7).setEvent(event).setAmount(amount).build();
  }

  private static BranchRequest fromBranch(int id, int amount) {
    return BranchRequest.newBuilder().setBranchId(id).setAmount(amount).build();
  }

  private static ResponseMessage reply(String message, boolean success) {
    return ResponseMessage.newBuilder().setMessage(message).setSuccess(success).build();
  }

  private List<Long> balances() {
    return branches.stream().map(BranchServer::balance).toList();
  }

  @Test
  void msgDeliveryDepositAppliesAndReachesEveryPeerBeforeAnswering() throws Exception {
    start(100, 100, 100);

    ResponseMessage answer =
        stub(2).msgDelivery(event("deposit", 25).toBuilder().setSession(5).setSequence(1).build());

    assertEquals(
        reply("success", true), answer.toBuilder().clearOrigin().clearOperationId().build());
    assertEquals(2, answer.getOrigin(), "a bank-sim customer's answer names the write: its origin");
    assertTrue(answer.getOperationId() != 0, "and its operation id");
    assertEquals(List.of(125L, 125L, 125L), balances());
  }

  @Test
  void msgDeliveryWithdrawThatIsCoveredReachesEveryPeer() throws Exception {
    start(100, 100, 100);

    ResponseMessage answer = stub(1).msgDelivery(event("withdraw", 100));

    assertEquals(
        reply("success", true), answer.toBuilder().clearOrigin().clearOperationId().build());
    assertEquals(List.of(0L, 0L, 0L), balances());
  }

  @Test
  void msgDeliveryWithdrawThatIsNotCoveredChangesNothing() throws Exception {
    start(50, 500, 500);

    assertEquals(reply("fail", false), stub(1).msgDelivery(event("withdraw", 51)));
    assertEquals(List.of(50L, 500L, 500L), balances());
  }

  @Test
  void msgDeliveryQueryReadsTheBranchInDecimal() throws Exception {
    start(Long.MAX_VALUE, 3);

    assertEquals(reply("9223372036854775807", true), stub(1).msgDelivery(event("query", 0)));
    assertEquals(reply("3", true), stub(2).msgDelivery(event("query", 99)));
  }

  @Test
  void msgDeliveryOfAnUnknownEventIsInvalid() throws Exception {
    start(10, 10);

    assertEquals(reply("Invalid event.", false), stub(1).msgDelivery(event("transfer", 5)));
    assertEquals(reply("Invalid event.", false), stub(1).msgDelivery(event("", 5)));
    assertEquals(List.of(10L, 10L), balances());
  }

  @Test
  void propagationsApplyLocallyAndNeverFurther() throws Exception {
    start(10, 10, 10);

    assertEquals(reply("success", true), stub(2).propagateDeposit(fromBranch(1, 5)));
    assertEquals(List.of(10L, 15L, 10L), balances());
    assertEquals(reply("success", true), stub(3).propagateWithdraw(fromBranch(1, 4)));
    assertEquals(List.of(10L, 15L, 6L), balances());
  }

  @Test
  void propagatedWithdrawFollowsTheOriginEvenPastZero() throws Exception {
    start(10, 3);

    assertEquals(reply("success", true), stub(2).propagateWithdraw(fromBranch(1, 5)));
    assertEquals(List.of(10L, -2L), balances());
  }

  @Test
  void depositWithdrawAndQueryRpcsAreLocalOnly() throws Exception {
    start(10, 10);

    assertEquals(reply("success", true), stub(1).deposit(event("deposit", 7)));
    assertEquals(reply("fail", false), stub(1).withdraw(event("withdraw", 18)));
    assertEquals(reply("success", true), stub(1).withdraw(event("withdraw", 17)));
    assertEquals(reply("0", true), stub(1).query(BalanceQuery.newBuilder().setBranchId(1).build()));
    assertEquals(List.of(0L, 10L), balances());
  }

  @Test
  void negativeAmountsAreInvalidArgumentsAndChangeNothing() throws Exception {
    start(10, 10);
    List<Supplier<ResponseMessage>> calls =
        List.of(
            () -> stub(1).msgDelivery(event("deposit", -1)),
            () -> stub(1).msgDelivery(event("withdraw", -1)),
            () -> stub(1).deposit(event("deposit", -1)),
            () -> stub(1).withdraw(event("withdraw", -1)),
            () -> stub(1).propagateDeposit(fromBranch(2, -1)),
            () -> stub(1).propagateWithdraw(fromBranch(2, -1)));

    for (Supplier<ResponseMessage> call : calls) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::get);
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }
    assertEquals(List.of(10L, 10L), balances());
  }

  @Test
  void depositPastTheLargestBalanceIsOutOfRangeAndChangesNothing() throws Exception {
    start(Long.MAX_VALUE - 1, 0);

    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> stub(1).msgDelivery(event("deposit", 2)));

    assertEquals(Status.Code.OUT_OF_RANGE, e.getStatus().getCode());
    assertEquals(List.of(Long.MAX_VALUE - 1, 0L), balances());
  }

  @Test
  void anUnreachablePeerFailsTheWriteAtTheDeadlineNamingIt() throws Exception {
    List<Peer> cluster =
        List.of(
            Peer.of(1, "in-process 1", channel(prefix + 1)),
            Peer.of(2, "nowhere:2", channel(prefix + "missing")));
    BranchServer branch =
        new BranchServer(
            1,
            10,
            InProcessServerBuilder.forName(prefix + 1).directExecutor(),
            cluster,
            new PropagationPolicy(300, 0));
    branch.start();
    branches.add(branch);

    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> stub(1).msgDelivery(event("deposit", 1)));

    assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
    assertEquals(
        "propagation to branch 2 at nowhere:2 got no answer within 300 ms",
        e.getStatus().getDescription());
  }

  @Test
  void aPropagationFromOutsideTheBankIsRefusedAndChangesNothing() throws Exception {
    start(100, 100, 100);

    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> stub(1).propagateDeposit(fromBranch(1_001, 1_000_000)));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals(List.of(100L, 100L, 100L), balances());
  }
}
