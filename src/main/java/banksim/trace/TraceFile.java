package banksim.trace;

import com.google.gson.JsonIOException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes a trace as JSON Lines while the run goes, buffered; {@link #close()} flushes what is left,
 * so a failed run's trace is complete too. Times count from an origin given as microseconds since
 * the epoch, so that the parts written by several processes line up.
 */
public final class TraceFile implements Tracer, AutoCloseable {
  private final BufferedWriter writer;
  private IOException failure;
  private final long originEpochUs;
  private final long baseEpochUs;
  private final long baseNanos;

  /** A trace into this stream, which {@link #close()} closes. */
  public TraceFile(OutputStream out, long originEpochUs) {
    this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    this.originEpochUs = originEpochUs;
    this.baseEpochUs = nowEpochUs();
    this.baseNanos = System.nanoTime();
  }

  /** Now, in microseconds since the epoch. */
  public static long nowEpochUs() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  @Override
  public boolean enabled() {
    return true;
  }

  /** Timed under the lock, so that the file is in time order even with many threads writing. */
  @Override
  public synchronized void record(TraceEvent event) {
    write(event.at(baseEpochUs + (System.nanoTime() - baseNanos) / 1_000 - originEpochUs));
  }

  /** Writes an event as it is (when merging parts). */
  public synchronized void write(TraceEvent event) {
    if (failure != null) {
      return;
    }
    try {
      TraceJson.GSON.toJson(event, TraceEvent.class, writer);
      writer.write('\n');
    } catch (IOException | JsonIOException e) {
      // A full disk, say: the run goes on, and close() reports it once.
      failure =
          e instanceof IOException io
              ? io
              : e.getCause() instanceof IOException cause ? cause : new IOException(e);
    }
  }

  /** Flushes and closes; throws the first write failure of the run, if there was one. */
  @Override
  public synchronized void close() throws IOException {
    try {
      writer.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
