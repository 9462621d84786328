package banksim.input;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster file: where each branch of a bank spread over several hosts listens, as a JSON object
 * from branch id to {@code "host:port"} ({@code "[::1]:50001"} for IPv6), e.g. {@code {"1":
 * "192.0.2.1:50001", "2": "192.0.2.2:50002"}}.
 */
public final class ClusterFile {
  private static final Pattern HOST_PORT =
      Pattern.compile("^(\\[[^\\]]+\\]|[^:\\[\\]]+):(\\d{1,5})$");

  /** One entry: the host as written (a name or an address, brackets removed) and the port. */
  public record HostPort(String host, int port) {}

  private ClusterFile() {}

  public static Map<Integer, HostPort> read(Path file) throws InvalidInputException {
    return parse(JsonFile.read(file));
  }

  public static Map<Integer, HostPort> parse(JsonElement root) throws InvalidInputException {
    if (!root.isJsonObject()) {
      throw new InvalidInputException(
          "$: must be an object from branch id to \"host:port\", got " + root);
    }
    JsonObject object = root.getAsJsonObject();
    Map<Integer, HostPort> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      String at = "$[\"" + entry.getKey() + "\"]";
      int id;
      try {
        id = Integer.parseInt(entry.getKey());
      } catch (NumberFormatException e) {
        id = 0;
      }
      if (id < 1 || !entry.getKey().equals(Integer.toString(id))) {
        throw new InvalidInputException(at + ": a key must be a branch id, 1 or more");
      }
      JsonElement value = entry.getValue();
      Matcher m =
          value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
              ? HOST_PORT.matcher(value.getAsString())
              : null;
      int port = m != null && m.matches() ? Integer.parseInt(m.group(2)) : 0;
      if (port < 1 || port > InputParser.MAX_PORT) {
        throw new InvalidInputException(
            at + ": must be \"host:port\" with a port from 1 to 65535, got " + value);
      }
      entries.put(id, new HostPort(m.group(1).replaceAll("^\\[|\\]$", ""), port));
    }
    return entries;
  }
}
