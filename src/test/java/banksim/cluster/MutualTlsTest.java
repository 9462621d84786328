package banksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.branch.PropagationPolicy;
import banksim.certs.CertsFolder;
import banksim.certs.Credential;
import banksim.certs.TlsMaterial;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.InputParser;
import banksim.proto.BalanceQuery;
import banksim.proto.BankServiceGrpc;
import banksim.proto.BankServiceGrpc.BankServiceBlockingStub;
import banksim.proto.BranchRequest;
import banksim.proto.CustomerRequest;
import banksim.proto.InFlightRequest;
import banksim.proto.ReplicationGrpc;
import banksim.proto.ReplicationGrpc.ReplicationBlockingStub;
import banksim.proto.SnapshotRequest;
import banksim.testing.FreePorts;
import banksim.testing.Vectors;
import banksim.trace.Tracer;
import com.google.common.net.InetAddresses;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Branches on real Netty servers with mutual TLS, called by clients holding each kind of
 * certificate: a branch's, the customers', another CA's, none.
 */
@Tag("grpc")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MutualTlsTest {
  private static final int BALANCE = 400;

  @TempDir Path dir;

  private final List<ManagedChannel> channels = new ArrayList<>();
  private Bank bank;
  private int base;

  @AfterEach
  void stop() throws Exception {
    channels.forEach(ManagedChannel::shutdownNow);
    if (bank != null) {
      bank.close();
    }
  }

  /** course-p1's three branches with TLS on {@code host}, certificates made for {@code named}. */
  private Path serve(String host, String named) throws Exception {
    BankInput input = new InputParser(0).parse(Vectors.input("course-p1"));
    List<Integer> ids = input.branches().stream().map(BranchSpec::id).toList();
    Map<Integer, String> hosts = new LinkedHashMap<>();
    ids.forEach(id -> hosts.put(id, named));
    Path certs = dir.resolve("certs");
    CertsFolder.make(certs, hosts, Instant.now());
    base = FreePorts.baseFor(ids);
    ClusterConfig config =
        new ClusterConfig(
                BranchAddresses.onPorts(InetAddresses.forString(host), base, ids),
                new PropagationPolicy(5_000, 0),
                ClusterConfig.DEFAULT_READY_TIMEOUT_MILLIS)
            .withTls(CertsFolder.forBranches(certs, ids));
    bank = Bank.serving(input, ids, config, Tracer.NONE, false);
    return certs;
  }

  private BankServiceBlockingStub client(
      String host, int branch, Credential presented, TlsMaterial trusted) throws Exception {
    SslContextBuilder tls = GrpcSslContexts.forClient().trustManager(trusted.authority());
    if (presented != null) {
      tls.keyManager(presented.key(), presented.certificate());
    }
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(
                new InetSocketAddress(InetAddresses.forString(host), base + branch))
            .sslContext(tls.build())
            .build();
    channels.add(channel);
    return BankServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private BankServiceBlockingStub customers(int branch, Path certs) throws Exception {
    TlsMaterial material = CertsFolder.forCustomers(certs);
    return client("127.0.0.1", branch, material.client(), material);
  }

  private static long balance(BankServiceBlockingStub stub) {
    return Long.parseLong(stub.query(BalanceQuery.getDefaultInstance()).getMessage());
  }

  private static CustomerRequest deposit(int amount) {
    return CustomerRequest.newBuilder()
        .setCustomerId(1)
        .setEvent("deposit")
        .setAmount(amount)
        .build();
  }

  @Test
  void customersDeliverEventsAndQuery() throws Exception {
    Path certs = serve("127.0.0.1", "127.0.0.1");

    assertEquals("success", customers(1, certs).msgDelivery(deposit(10)).getMessage());

    assertEquals(BALANCE + 10, balance(customers(1, certs)));
    assertEquals(BALANCE + 10, balance(customers(3, certs)), "propagated between branches");
  }

  @Test
  void customersMayNotChangeAReplicaDirectly() throws Exception {
    Path certs = serve("127.0.0.1", "127.0.0.1");
    BankServiceBlockingStub customer = customers(2, certs);
    BranchRequest write =
        BranchRequest.newBuilder().setBranchId(1).setAmount(1_000).setOperationId(7).build();

    for (StatusRuntimeException refused :
        List.of(
            assertThrows(StatusRuntimeException.class, () -> customer.propagateDeposit(write)),
            assertThrows(StatusRuntimeException.class, () -> customer.propagateWithdraw(write)),
            assertThrows(StatusRuntimeException.class, () -> customer.deposit(deposit(1_000))),
            assertThrows(StatusRuntimeException.class, () -> customer.withdraw(deposit(1_000))))) {
      assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
      assertTrue(
          refused.getStatus().getDescription().contains("is for branches only"),
          refused.getStatus().getDescription());
      assertTrue(refused.getStatus().getDescription().contains("CN=customers"));
    }
    for (int branch = 1; branch <= 3; branch++) {
      assertEquals(BALANCE, balance(customers(branch, certs)), "branch " + branch + " unchanged");
    }
  }

  @Test
  void customersMayNotAskWhatARestartedBranchAsks() throws Exception {
    Path certs = serve("127.0.0.1", "127.0.0.1");
    ReplicationBlockingStub replication =
        ReplicationGrpc.newBlockingStub(customers(1, certs).getChannel())
            .withDeadlineAfter(10, TimeUnit.SECONDS);

    for (StatusRuntimeException refused :
        List.of(
            assertThrows(
                StatusRuntimeException.class,
                () -> replication.snapshot(SnapshotRequest.getDefaultInstance())),
            assertThrows(
                StatusRuntimeException.class,
                () -> replication.inFlight(InFlightRequest.getDefaultInstance())))) {
      assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
    }
  }

  @Test
  void aBranchMayPropagate() throws Exception {
    Path certs = serve("127.0.0.1", "127.0.0.1");
    TlsMaterial branchTwo = CertsFolder.forBranches(certs, List.of(2));

    client("127.0.0.1", 1, branchTwo.client(), branchTwo)
        .propagateDeposit(
            BranchRequest.newBuilder().setBranchId(2).setAmount(5).setOperationId(9).build());

    assertEquals(BALANCE + 5, balance(customers(1, certs)));
    assertEquals(BALANCE, balance(customers(2, certs)), "a propagation is not propagated again");
  }

  @Test
  void aClientWithoutACertificateIsRefused() throws Exception {
    Path certs = serve("127.0.0.1", "127.0.0.1");
    BankServiceBlockingStub outsider =
        client("127.0.0.1", 1, null, CertsFolder.forCustomers(certs));

    assertRefused(() -> outsider.msgDelivery(deposit(10)));
    assertEquals(BALANCE, balance(customers(1, certs)));
  }

  @Test
  void aClientWithAnotherCasCertificateIsRefused() throws Exception {
    Path certs = serve("127.0.0.1", "127.0.0.1");
    Path otherCerts = dir.resolve("other");
    CertsFolder.make(otherCerts, Map.of(1, "127.0.0.1"), Instant.now());
    Credential foreign = CertsFolder.forBranches(otherCerts, List.of(1)).client();
    BankServiceBlockingStub outsider =
        client("127.0.0.1", 1, foreign, CertsFolder.forCustomers(certs));

    assertRefused(
        () ->
            outsider.propagateDeposit(
                BranchRequest.newBuilder().setBranchId(2).setAmount(5).setOperationId(3).build()));
    assertEquals(BALANCE, balance(customers(1, certs)));
  }

  @Test
  void aPlaintextClientIsRefused() throws Exception {
    Path certs = serve("127.0.0.1", "127.0.0.1");
    ManagedChannel plaintext =
        NettyChannelBuilder.forAddress(
                new InetSocketAddress(InetAddresses.forString("127.0.0.1"), base + 1))
            .usePlaintext()
            .build();
    channels.add(plaintext);

    assertRefused(
        () ->
            BankServiceGrpc.newBlockingStub(plaintext)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .msgDelivery(deposit(10)));
    assertEquals(BALANCE, balance(customers(1, certs)));
  }

  /** 127.0.0.2 is loopback too, but not in a certificate made for 127.0.0.1: no connection. */
  @Test
  void aServerIsTrustedOnlyAtTheAddressItsCertificateNames() throws Exception {
    Path certs = serve("127.0.0.2", "127.0.0.1");
    TlsMaterial material = CertsFolder.forCustomers(certs);

    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () -> balance(client("127.0.0.2", 1, material.client(), material)));
    assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
  }

  @Test
  void aServerAtTheAddressItsCertificateNamesIsTrusted() throws Exception {
    Path certs = serve("127.0.0.2", "127.0.0.2");
    TlsMaterial material = CertsFolder.forCustomers(certs);

    assertEquals(BALANCE, balance(client("127.0.0.2", 1, material.client(), material)));
  }

  private static void assertRefused(Runnable call) {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused.toString());
  }
}
