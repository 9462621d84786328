package banksim.trace;

import banksim.proto.BankServiceProto;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.List;
import java.util.Locale;

/**
 * The six RPCs of the bank's service, in the order the service declares them. Their wire names
 * come from the service's descriptor in the generated protobuf code (no gRPC needed), so that no
 * name is written twice.
 */
public enum Rpc {
  MSG_DELIVERY("Msg"),
  QUERY("Query"),
  WITHDRAW("Wd"),
  DEPOSIT("Dep"),
  PROPAGATE_WITHDRAW("PropWd"),
  PROPAGATE_DEPOSIT("PropDep");

  private final String shortName;
  private final String wireName;

  Rpc(String shortName) {
    this.shortName = shortName;
    List<MethodDescriptor> methods =
        BankServiceProto.getDescriptor().getServices().get(0).getMethods();
    this.wireName = methods.get(ordinal()).getName();
    if (!wireName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT).equals(name())) {
      throw new IllegalStateException("the service's method " + ordinal() + " is " + wireName
          + ", not " + name());
    }
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
