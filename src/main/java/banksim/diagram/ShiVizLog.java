package banksim.diagram;

import banksim.trace.Participant;
import banksim.trace.TraceEvent;
import com.google.gson.Gson;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trace as a ShiViz log, the tool the field uses to look at such runs: the parsing regex on the
 * first line, an empty line (one execution), then a line per send and receive with its host and
 * vector clock. The vector clocks are computed from the trace's sends and receives, each process
 * counting its own events; answers, which carry no clock, are left out.
 */
public final class ShiVizLog {
  /** How ShiViz reads each line below: host, vector clock as JSON, then the event's text. */
  public static final String REGEX = "(?<host>\\S+) (?<clock>\\{.*\\}) (?<event>.*)";

  private static final Gson GSON = new Gson();

  private ShiVizLog() {}

  /**
   * One line of the log.
   *
   * @param sentBy for a receive, the index of its send among the entries; -1 otherwise
   */
  public record Entry(String host, Map<String, Long> clock, String text, int sentBy) {
    public String line() {
      return host + " " + GSON.toJson(clock) + " " + text;
    }
  }

  /** The sends and receives of the trace, in time order, with their vector clocks. */
  public static List<Entry> entries(List<TraceEvent> trace) {
    List<TraceEvent> byTime = new ArrayList<>(trace);
    byTime.sort(Comparator.comparingLong(TraceEvent::tUs));
    Map<String, Map<String, Long>> clocks = new HashMap<>();
    Map<String, Deque<Integer>> unreceived = new HashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (TraceEvent event : byTime) {
      if (event.kind() == TraceEvent.Kind.REPLY || event.kind() == TraceEvent.Kind.WAIT) {
        continue;
      }
      boolean send = event.kind() == TraceEvent.Kind.SEND;
      String host = host(send ? event.from() : event.to());
      Map<String, Long> clock = clocks.computeIfAbsent(host, h -> new TreeMap<>());
      // A customer's request gets its operation id only at the branch: not part of its name.
      String message =
          event.rpc()
              + "|"
              + event.from()
              + "|"
              + event.to()
              + "|"
              + event.request()
              + "|"
              + (event.rpc().isPropagation() ? event.op() : "");
      int sentBy = -1;
      if (!send) {
        Integer sent = unreceived.getOrDefault(message, new ArrayDeque<>()).poll();
        if (sent != null) {
          sentBy = sent;
          entries.get(sent).clock().forEach((h, c) -> clock.merge(h, c, Math::max));
        }
      }
      clock.merge(host, 1L, Long::sum);
      if (send) {
        unreceived.computeIfAbsent(message, m -> new ArrayDeque<>()).add(entries.size());
      }
      entries.add(new Entry(host, new TreeMap<>(clock), text(event, send), sentBy));
    }
    return entries;
  }

  /** The whole file: the regex, an empty line, then the entries. */
  public static String write(List<TraceEvent> trace) {
    StringBuilder log = new StringBuilder(REGEX).append("\n\n");
    entries(trace).forEach(entry -> log.append(entry.line()).append('\n'));
    return log.toString();
  }

  private static String host(Participant participant) {
    return participant.role().name().toLowerCase(Locale.ROOT) + participant.id();
  }

  private static String text(TraceEvent event, boolean send) {
    StringBuilder text = new StringBuilder(send ? "send " : "recv ").append(event.rpc().wireName());
    if (event.event() != null) {
      text.append(' ').append(event.event());
    }
    if (event.amount() != null) {
      text.append(' ').append(event.amount());
    }
    text.append(send ? " to " + event.to() : " from " + event.from());
    if (event.request() != null) {
      text.append(", request ").append(event.request());
    }
    if (event.clock() != null) {
      text.append(", Lamport clock ").append(event.clock());
    }
    return text.toString();
  }
}
