package banksim.cluster;

import banksim.input.Operation;

/** Hears how a run advances, e.g. to show progress on a terminal. */
public interface Progress {
  Progress NONE = new Progress() {};

  default void branchStarted(int started, int total) {}

  default void customerDone(int done, int total) {}

  /** A customer's event got its answer after the given time. */
  default void eventAnswered(Operation operation, long elapsedNanos) {}

  /** Tells both listeners everything. */
  static Progress both(Progress first, Progress second) {
    return new Progress() {
      @Override
      public void branchStarted(int started, int total) {
        first.branchStarted(started, total);
        second.branchStarted(started, total);
      }

      @Override
      public void customerDone(int done, int total) {
        first.customerDone(done, total);
        second.customerDone(done, total);
      }

      @Override
      public void eventAnswered(Operation operation, long elapsedNanos) {
        first.eventAnswered(operation, elapsedNanos);
        second.eventAnswered(operation, elapsedNanos);
      }
    };
  }
}
