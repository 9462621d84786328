package banksim.trace;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes a trace as JSON Lines while the run goes, buffered; {@link #close()} flushes what is
 * left, so a failed run's trace is complete too. Times count from an origin given as microseconds
 * since the epoch, so that the parts written by several processes line up.
 */
public final class TraceFile implements Tracer, AutoCloseable {
  private static final Gson GSON = new Gson();

  private final BufferedWriter writer;
  private final long originEpochUs;
  private final long baseEpochUs;
  private final long baseNanos;

  public TraceFile(Path file, long originEpochUs) throws IOException {
    this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
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
  public synchronized void record(String kind, String rpc, String from, String to,
      Integer amount, String result, Long op) {
    long tUs = baseEpochUs + (System.nanoTime() - baseNanos) / 1_000 - originEpochUs;
    write(new TraceEvent(tUs, kind, rpc, from, to, amount, result, op));
  }

  /** Writes an event as it is (when merging parts). */
  public synchronized void write(TraceEvent event) {
    JsonObject json = new JsonObject();
    json.addProperty("t_us", event.tUs());
    json.addProperty("kind", event.kind());
    json.addProperty("rpc", event.rpc());
    json.addProperty("from", event.from());
    json.addProperty("to", event.to());
    if (event.amount() != null) {
      json.addProperty("amount", event.amount());
    }
    if (event.result() != null) {
      json.addProperty("result", event.result());
    }
    if (event.op() != null) {
      json.addProperty("op", event.op());
    }
    try {
      writer.write(GSON.toJson(json));
      writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }
}
