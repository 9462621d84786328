package banksim.trace;

import banksim.proto.BankServiceProto;
import banksim.proto.ReplicationProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.Locale;

/**
 * The six RPCs of the bank's service, and the four of bank-sim's own that strong's coordinator
 * sends. Their wire names come from the service's descriptor in the generated protobuf code (no
 * gRPC needed): each constant is its method's name in upper snake case, so that no wire name is
 * written twice.
 */
public enum Rpc {
  MSG_DELIVERY("Msg"),
  QUERY("Query"),
  WITHDRAW("Wd"),
  DEPOSIT("Dep"),
  PROPAGATE_WITHDRAW("PropWd"),
  PROPAGATE_DEPOSIT("PropDep"),
  // bank-sim's own service: how --propagation strong's coordinator applies a write everywhere.
  ORDER("Order", ReplicationProto.getDescriptor()),
  PREPARE("Prepare", ReplicationProto.getDescriptor()),
  COMMIT("Commit", ReplicationProto.getDescriptor()),
  ABORT("Abort", ReplicationProto.getDescriptor());

  private final String shortName;
  private final String wireName;

  Rpc(String shortName) {
    this(shortName, BankServiceProto.getDescriptor());
  }

  Rpc(String shortName, FileDescriptor file) {
    this.shortName = shortName;
    this.wireName =
        file.getServices().get(0).getMethods().stream()
            .map(MethodDescriptor::getName)
            .filter(method -> upperSnake(method).equals(name()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the service has no method " + name()));
  }

  /** "MsgDelivery" as a constant's name: "MSG_DELIVERY". */
  private static String upperSnake(String method) {
    return method.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** The method's name on the wire: "MsgDelivery", "Propagate_Deposit", ... */
  public String wireName() {
    return wireName;
  }

  /** A label for a diagram's arrows: "Msg", "PropDep", ... */
  public String shortName() {
    return shortName;
  }

  public boolean isPropagation() {
    return this == PROPAGATE_DEPOSIT || this == PROPAGATE_WITHDRAW;
  }

  public static Rpc propagation(boolean deposit) {
    return deposit ? PROPAGATE_DEPOSIT : PROPAGATE_WITHDRAW;
  }

  /** The RPC with this wire name; IllegalArgumentException if there is none. */
  public static Rpc fromWireName(String wireName) {
    for (Rpc rpc : values()) {
      if (rpc.wireName.equals(wireName)) {
        return rpc;
      }
    }
    throw new IllegalArgumentException("no RPC named " + wireName);
  }
}
