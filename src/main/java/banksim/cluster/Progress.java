package banksim.cluster;

/** Hears how a run advances, e.g. to show progress on a terminal. */
public interface Progress {
  Progress NONE = new Progress() {};

  default void branchStarted(int started, int total) {}

  default void customerDone(int done, int total) {}
}
