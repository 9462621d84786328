package banksim.trace;

import banksim.input.InvalidInputException;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads trace files back, and merges the parts several processes wrote. */
public final class TraceReader {
  private TraceReader() {}

  public static List<TraceEvent> read(Path file) throws InvalidInputException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("no such file");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read: " + e.getMessage(), e);
    }
    List<TraceEvent> events = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        TraceEvent event = TraceJson.GSON.fromJson(lines.get(i), TraceEvent.class);
        if (event == null
            || event.kind() == null
            || event.rpc() == null
            || event.from() == null
            || event.to() == null) {
          throw new JsonParseException("a field is missing");
        }
        events.add(event);
      } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
        throw new InvalidInputException(
            "line " + (i + 1) + ": not a trace record: " + abbreviate(lines.get(i)), e);
      }
    }
    return events;
  }

  /** Every event of the parts, in time order, into one stream, closed; the parts are deleted. */
  public static void merge(List<Path> parts, OutputStream target, long originEpochUs)
      throws IOException, InvalidInputException {
    List<TraceEvent> events = new ArrayList<>();
    for (Path part : parts) {
      if (Files.exists(part)) {
        events.addAll(read(part));
      }
    }
    events.sort(Comparator.comparingLong(TraceEvent::tUs));
    try (TraceFile merged = new TraceFile(target, originEpochUs)) {
      events.forEach(merged::write);
    }
    for (Path part : parts) {
      Files.deleteIfExists(part);
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }
}
