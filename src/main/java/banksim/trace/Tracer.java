package banksim.trace;

/**
 * Hears every message of a run. {@link #NONE} hears nothing, and callers check
 * {@link #enabled()} first, so that a run without a trace builds no events at all.
 */
public interface Tracer {
  Tracer NONE = new Tracer() {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public void record(String kind, String rpc, String from, String to, Integer amount,
        String result, Long op) {}
  };

  boolean enabled();

  /** Records one step now; see {@link TraceEvent} for the fields. */
  void record(String kind, String rpc, String from, String to, Integer amount, String result,
      Long op);
}
