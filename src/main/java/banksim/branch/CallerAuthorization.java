package banksim.branch;

import banksim.proto.BankServiceGrpc;
import banksim.proto.ReplicationGrpc;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who may call what, by the client certificate of the TLS connection: the calls that change a
 * replica without propagating (Propagate_Deposit, Propagate_Withdraw, Deposit, Withdraw), and what
 * a restarted branch asks its peers (InFlight, Snapshot), only branches; MsgDelivery and Query, and
 * the health service, any client the TLS handshake let in (its certificate is signed by the bank's
 * CA). A refused call gets PERMISSION_DENIED and changes nothing.
 */
public final class CallerAuthorization implements ServerInterceptor {
  private static final Set<String> BRANCHES_ONLY =
      Set.of(
          BankServiceGrpc.getPropagateDepositMethod().getFullMethodName(),
          BankServiceGrpc.getPropagateWithdrawMethod().getFullMethodName(),
          BankServiceGrpc.getDepositMethod().getFullMethodName(),
          BankServiceGrpc.getWithdrawMethod().getFullMethodName(),
          ReplicationGrpc.getInFlightMethod().getFullMethodName(),
          ReplicationGrpc.getSnapshotMethod().getFullMethodName());

  private final Predicate<X509Certificate> isBranch;

  /**
   * @param isBranch whether a client certificate is a branch's
   */
  public CallerAuthorization(Predicate<X509Certificate> isBranch) {
    this.isBranch = isBranch;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (!BRANCHES_ONLY.contains(method)) {
      return next.startCall(call, headers);
    }
    X509Certificate caller =
        clientCertificate(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    if (caller != null && isBranch.test(caller)) {
      return next.startCall(call, headers);
    }
    call.close(
        Status.PERMISSION_DENIED.withDescription(
            call.getMethodDescriptor().getBareMethodName()
                + " is for branches only, and the caller's certificate ("
                + (caller == null ? "none" : caller.getSubjectX500Principal().getName())
                + ") is not a branch's; customers may call MsgDelivery and Query"),
        new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static X509Certificate clientCertificate(SSLSession session) {
    if (session == null) {
      return null;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate first ? first : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
