package banksim.customer;

import banksim.input.EventSpec;

/** A customer's event got no usable answer: the run cannot produce a faithful output. */
public final class CustomerFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient EventSpec event;

  public CustomerFailedException(
      int customerId, int eventIndex, EventSpec event, String problem, Throwable cause) {
    super(
        "customer "
            + customerId
            + ", event "
            + eventIndex
            + " ("
            + event.operation().wireName()
            + " at branch "
            + event.branch()
            + "): "
            + problem,
        cause);
    this.event = event;
  }

  /** The branch the failed event went to. */
  public int branch() {
    return event.branch();
  }
}
