package banksim.customer;

import banksim.input.EventSpec;

/** A customer's event got no usable answer: the run cannot produce a faithful output. */
public final class CustomerFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public CustomerFailedException(int customerId, int eventIndex, EventSpec event, String problem,
      Throwable cause) {
    super("customer " + customerId + ", event " + eventIndex + " (" + event.operation().wireName()
        + " at branch " + event.branch() + "): " + problem, cause);
  }
}
