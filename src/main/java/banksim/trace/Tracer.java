package banksim.trace;

/**
 * Hears every message of a run. {@link #NONE} hears nothing, and callers check {@link #enabled()}
 * first, so that a run without a trace builds no events at all.
 */
public interface Tracer {
  Tracer NONE =
      new Tracer() {
        @Override
        public boolean enabled() {
          return false;
        }

        @Override
        public void record(TraceEvent event) {}
      };

  boolean enabled();

  /** Records one step now: the event's time is the moment it is recorded. */
  void record(TraceEvent event);
}
