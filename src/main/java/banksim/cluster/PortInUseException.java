package banksim.cluster;

/** A branch's port is taken by another process. */
public final class PortInUseException extends RunFailedException {
  private static final long serialVersionUID = 1L;

  public PortInUseException(int branchId, String address, Throwable cause) {
    super(
        "branch " + branchId + " cannot listen on " + address + ": the address is already in use",
        cause);
  }
}
