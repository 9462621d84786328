package banksim.diagram;

import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A trace as one self-contained HTML page: an SVG space-time diagram in Lamport's style (one
 * horizontal line per branch and per customer, time left to right, an arrow per message, failures
 * in red, details on hover) and a table of message counts. No script, no fetch.
 */
public final class SpaceTimeDiagram {
  private static final int LANE_HEIGHT = 28;
  private static final int LEFT = 110;
  private static final int TOP = 30;
  private static final int MIN_WIDTH = 1100;
  private static final int MAX_WIDTH = 40_000;
  private static final int LABELS_UP_TO = 400;

  /** One message: a request (send to recv) or an answer (from the receiver back to the caller). */
  private record Arrow(
      Rpc rpc,
      Participant from,
      Participant to,
      long departUs,
      long arriveUs,
      boolean failed,
      boolean reply,
      String detail,
      String label) {}

  private SpaceTimeDiagram() {}

  /**
   * How the page draws the run.
   *
   * @param byClock events left to right by their Lamport clocks (Lamport's own picture), not by the
   *     time they happened
   * @param clockLabels each message labelled with its send and receive clocks
   */
  public record Style(boolean byClock, boolean clockLabels) {
    public static final Style BY_TIME = new Style(false, false);
  }

  public static String html(List<TraceEvent> events, String title) {
    return html(events, title, Style.BY_TIME);
  }

  public static String html(List<TraceEvent> events, String title, Style style) {
    List<TraceEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(TraceEvent::tUs));
    if (style.byClock()) {
      sorted = placedByClock(sorted);
    }
    List<Participant> lanes = lanes(sorted);
    List<Arrow> arrows = arrows(sorted, style);
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append("body { font: 13px system-ui, sans-serif; margin: 16px; color: #222; }\n")
        .append(".scroll { overflow: auto; border: 1px solid #ccc; max-height: 80vh; }\n")
        .append("table { border-collapse: collapse; margin-top: 12px; }\n")
        .append("td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: right; }\n")
        .append("th:first-child, td:first-child { text-align: left; }\n")
        .append(".key span { display: inline-block; margin-right: 14px; }\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n")
        .append("<p class=\"key\">")
        .append(key())
        .append("</p>\n<div class=\"scroll\">\n");
    svg(page, lanes, arrows, sorted, style);
    page.append("</div>\n");
    counts(page, sorted, lanes);
    page.append("</body>\n</html>\n");
    return page.toString();
  }

  /** Branches by id, then customers by id. */
  private static List<Participant> lanes(List<TraceEvent> events) {
    Set<Participant> lanes = new TreeSet<>();
    for (TraceEvent event : events) {
      lanes.add(event.from());
      lanes.add(event.to());
    }
    return new ArrayList<>(lanes);
  }

  /**
   * Pairs each send with its recv, and each reply with its request: first in, first out per sender,
   * receiver, RPC and (for a propagation) operation. Every send and every reply becomes one arrow,
   * found partner or not.
   */
  /**
   * The events with their times replaced by their places in Lamport's picture: a send or receive at
   * its clock (x1000), an event without a clock (a reply, a resend) just after its process's last
   * clocked event. Order by clock, then by time.
   */
  private static List<TraceEvent> placedByClock(List<TraceEvent> byTime) {
    Map<Participant, Long> last = new HashMap<>();
    List<TraceEvent> placed = new ArrayList<>(byTime.size());
    for (TraceEvent event : byTime) {
      Participant at = event.kind() == TraceEvent.Kind.SEND ? event.from() : event.to();
      long place = event.clock() != null ? event.clock() * 1000 : last.getOrDefault(at, 0L) + 500;
      last.put(at, place);
      placed.add(event.at(place));
    }
    placed.sort(Comparator.comparingLong(TraceEvent::tUs));
    return placed;
  }

  /** "at 1234 us", or "at clock 4" where the events are placed by clock. */
  private static String when(TraceEvent event, Style style) {
    if (!style.byClock()) {
      return "at " + event.tUs() + " us";
    }
    return event.clock() == null ? "(no clock)" : "at clock " + event.clock();
  }

  private static List<Arrow> arrows(List<TraceEvent> events, Style style) {
    Map<String, Deque<TraceEvent[]>> awaitingRecv = new HashMap<>();
    Map<String, Deque<TraceEvent[]>> awaitingReply = new HashMap<>();
    Map<String, Long> lastAckAt = new HashMap<>();
    List<Arrow> arrows = new ArrayList<>();
    List<TraceEvent[]> requests = new ArrayList<>();
    for (TraceEvent event : events) {
      switch (event.kind()) {
        case SEND -> {
          TraceEvent[] request = {event, null};
          requests.add(request);
          String key = key(event.rpc(), event.from(), event.to(), event.op());
          awaitingRecv.computeIfAbsent(key, k -> new ArrayDeque<>()).add(request);
          awaitingReply.computeIfAbsent(key, k -> new ArrayDeque<>()).add(request);
        }
        case WAIT -> {
          // Drawn as a bar on the lane, not as an arrow (see waits()).
        }
        case RECV -> {
          Deque<TraceEvent[]> queue =
              awaitingRecv.get(key(event.rpc(), event.from(), event.to(), event.op()));
          if (queue != null && !queue.isEmpty()) {
            queue.poll()[1] = event;
          }
        }
        case REPLY -> {
          // A reply goes from the request's receiver back to its sender.
          Deque<TraceEvent[]> queue =
              awaitingReply.get(key(event.rpc(), event.to(), event.from(), event.op()));
          TraceEvent[] request = queue == null ? null : queue.poll();
          if (event.rpc().isPropagation() && event.op() != null) {
            lastAckAt.merge(event.to() + "#" + event.op(), event.tUs(), Math::max);
          }
          if (!style.byClock()) {
            arrows.add(replyArrow(event, request, lastAckAt, style));
          }
        }
      }
    }
    for (TraceEvent[] request : requests) {
      TraceEvent send = request[0];
      TraceEvent recv = request[1];
      String detail =
          send.rpc().wireName()
              + " from "
              + send.from()
              + " to "
              + send.to()
              + (send.amount() == null ? "" : ", amount " + send.amount())
              + (recv != null && recv.op() != null
                  ? ", op " + recv.op()
                  : send.op() != null ? ", op " + send.op() : "")
              + ", sent "
              + when(send, style)
              + (recv == null ? ", never received" : ", received " + when(recv, style));
      String clocks =
          style.clockLabels() && send.clock() != null
              ? " [" + send.clock() + "\u2192" + (recv == null ? "?" : recv.clock()) + "]"
              : "";
      arrows.add(
          new Arrow(
              send.rpc(),
              send.from(),
              send.to(),
              send.tUs(),
              recv == null ? send.tUs() : recv.tUs(),
              recv == null,
              false,
              detail,
              send.rpc().shortName()
                  + (send.amount() == null ? "" : " " + send.amount())
                  + clocks));
    }
    return arrows;
  }

  private static Arrow replyArrow(
      TraceEvent reply, TraceEvent[] request, Map<String, Long> lastAckAt, Style style) {
    TraceEvent recv = request == null ? null : request[1];
    long depart = recv == null ? reply.tUs() : recv.tUs();
    // A write answers its customer only after the last acknowledgement of its propagation.
    if (recv != null && recv.op() != null && !reply.rpc().isPropagation()) {
      depart = Math.max(depart, lastAckAt.getOrDefault(reply.from() + "#" + recv.op(), depart));
    }
    String result = reply.result() == null ? "" : reply.result();
    boolean failed =
        result.startsWith("error") || result.equals("fail") || result.equals("Invalid event.");
    return new Arrow(
        reply.rpc(),
        reply.from(),
        reply.to(),
        Math.min(depart, reply.tUs()),
        reply.tUs(),
        failed,
        true,
        "answer to "
            + reply.rpc().wireName()
            + " from "
            + reply.from()
            + " to "
            + reply.to()
            + ": "
            + result
            + " (arrived "
            + when(reply, style)
            + ")",
        result);
  }

  /** A message's identity: a propagation's includes its operation, a customer's call not. */
  private static String key(Rpc rpc, Participant from, Participant to, Long op) {
    return rpc + "|" + from + "|" + to + "|" + (rpc.isPropagation() ? op : "");
  }

  private static String colour(Arrow arrow) {
    if (arrow.failed()) {
      return "#d62728";
    }
    if (arrow.reply()) {
      return "#888888";
    }
    return switch (arrow.rpc()) {
      case MSG_DELIVERY -> "#1f77b4";
      case PROPAGATE_DEPOSIT -> "#2ca02c";
      case PROPAGATE_WITHDRAW -> "#ff7f0e";
      default -> "#9467bd";
    };
  }

  private static String key() {
    StringBuilder key = new StringBuilder();
    for (String[] entry :
        new String[][] {
          {"#1f77b4", "MsgDelivery (customer to branch)"},
          {"#2ca02c", "Propagate_Deposit"},
          {"#ff7f0e", "Propagate_Withdraw"},
          {"#9467bd", "strong: Order, Prepare, Commit, Abort"},
          {"#888888", "answer"},
          {"#d62728", "failed, lost or refused"},
          {"#e8b33a", "a request waiting for its customer's writes"}
        }) {
      key.append("<span style=\"color: ")
          .append(entry[0])
          .append("\">&#9644; ")
          .append(entry[1])
          .append("</span>");
    }
    return key.append("Hover over an arrow for its details.").toString();
  }

  private static void svg(
      StringBuilder page,
      List<Participant> lanes,
      List<Arrow> arrows,
      List<TraceEvent> events,
      Style style) {
    // Time runs left to right in the order things happened, evenly spaced: a cold start's slow
    // first call would otherwise squeeze the rest of the run into a sliver. Hover for real times.
    long[] times = events.stream().mapToLong(TraceEvent::tUs).distinct().sorted().toArray();
    long start = times.length == 0 ? 0 : times[0];
    long end = times.length == 0 ? 0 : times[times.length - 1];
    int width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, LEFT + 20 + times.length * 7));
    double step = (width - LEFT - 20) / (double) Math.max(1, times.length - 1);
    int height = TOP + lanes.size() * LANE_HEIGHT + 20;
    Map<Participant, Integer> laneY = new LinkedHashMap<>();
    for (int i = 0; i < lanes.size(); i++) {
      laneY.put(lanes.get(i), TOP + i * LANE_HEIGHT + LANE_HEIGHT / 2);
    }
    page.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" font-size=\"11\">\n")
        .append("<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
        .append(" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"context-stroke\"/></marker></defs>\n");
    page.append("<text x=\"")
        .append(LEFT)
        .append("\" y=\"14\" fill=\"#666\">")
        .append(
            style.byClock()
                ? "Lamport clocks: every send and receive placed by its clock, left to right;"
                    + " answers carry no clock and are not drawn"
                : String.format(Locale.ROOT, "time: %.1f", (end - start) / 1000.0)
                    + " ms from the first message to the last; every step left to right is the"
                    + " next thing that happened")
        .append("</text>\n");
    laneY.forEach(
        (lane, y) ->
            page.append("<text x=\"8\" y=\"")
                .append(y + 4)
                .append("\">")
                .append(lane)
                .append("</text><line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(y)
                .append("\" x2=\"")
                .append(width - 10)
                .append("\" y2=\"")
                .append(y)
                .append("\" stroke=\"#ddd\"/>\n"));
    waits(page, events, times, step, laneY);
    boolean labels = arrows.size() <= LABELS_UP_TO;
    for (Arrow arrow : arrows) {
      double x1 = LEFT + rank(times, arrow.departUs()) * step;
      double x2 = LEFT + rank(times, arrow.arriveUs()) * step;
      int y1 = laneY.get(arrow.from());
      int y2 = laneY.get(arrow.to());
      String colour = colour(arrow);
      page.append("<g><title>")
          .append(escape(arrow.detail()))
          .append("</title>")
          .append(
              String.format(
                  Locale.ROOT,
                  "<line class=\"arrow\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                      + " stroke-width=\"1.2\"%s marker-end=\"url(#head)\"/>",
                  x1,
                  y1,
                  x2,
                  y2,
                  colour,
                  arrow.reply() ? " stroke-dasharray=\"3 2\"" : ""));
      if (labels && !arrow.label().isEmpty()) {
        page.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"" + " font-size=\"9\">%s</text>",
                (x1 + x2) / 2 + 2,
                (y1 + y2) / 2.0 - 2,
                colour,
                escape(arrow.label())));
      }
      page.append("</g>\n");
    }
    page.append("</svg>\n");
  }

  /**
   * A wait (SPEC section 8) as a bar on the waiting branch's lane, from the moment the request
   * began to wait to its receive, when it was served (to the end where it never was).
   */
  private static void waits(
      StringBuilder page,
      List<TraceEvent> events,
      long[] times,
      double step,
      Map<Participant, Integer> laneY) {
    for (int i = 0; i < events.size(); i++) {
      TraceEvent wait = events.get(i);
      if (wait.kind() != TraceEvent.Kind.WAIT) {
        continue;
      }
      long until = times.length == 0 ? wait.tUs() : times[times.length - 1];
      for (TraceEvent later : events.subList(i + 1, events.size())) {
        if (later.kind() == TraceEvent.Kind.RECV
            && later.rpc() == wait.rpc()
            && later.from().equals(wait.from())
            && later.to().equals(wait.to())
            && java.util.Objects.equals(later.request(), wait.request())) {
          until = later.tUs();
          break;
        }
      }
      double x1 = LEFT + rank(times, wait.tUs()) * step;
      double x2 = LEFT + rank(times, until) * step;
      page.append(
          String.format(
              Locale.ROOT,
              "<g class=\"wait\"><title>%s</title><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\""
                  + " y2=\"%d\" stroke=\"#e8b33a\" stroke-width=\"7\" stroke-opacity=\"0.6\"/></g>\n",
              escape(
                  wait.to()
                      + " "
                      + wait.result()
                      + " ("
                      + wait.rpc().wireName()
                      + " from "
                      + wait.from()
                      + ")"),
              x1,
              laneY.get(wait.to()),
              Math.max(x2, x1 + 2),
              laneY.get(wait.to())));
    }
  }

  /** The place of a time among the run's times (the nearest earlier one if it is not there). */
  private static int rank(long[] times, long tUs) {
    int found = Arrays.binarySearch(times, tUs);
    return found >= 0 ? found : Math.max(0, -found - 2);
  }

  private static void counts(StringBuilder page, List<TraceEvent> events, List<Participant> lanes) {
    Map<String, int[]> byRpc = new TreeMap<>();
    Map<Participant, int[]> byLane = new LinkedHashMap<>();
    lanes.forEach(lane -> byLane.put(lane, new int[2]));
    for (TraceEvent event : events) {
      if (event.kind() == TraceEvent.Kind.SEND) {
        byRpc.computeIfAbsent(event.rpc().wireName(), rpc -> new int[2])[0]++;
        byLane.get(event.from())[0]++;
        byLane.get(event.to())[1]++;
      } else if (event.kind() == TraceEvent.Kind.REPLY
          && event.result() != null
          && event.result().startsWith("error")) {
        byRpc.computeIfAbsent(event.rpc().wireName(), rpc -> new int[2])[1]++;
      }
    }
    page.append("<table><tr><th>RPC</th><th>requests</th><th>failed</th></tr>\n");
    byRpc.forEach(
        (rpc, n) ->
            page.append("<tr><td>")
                .append(escape(rpc))
                .append("</td><td>")
                .append(n[0])
                .append("</td><td>")
                .append(n[1])
                .append("</td></tr>\n"));
    page.append("</table>\n<table><tr><th>who</th><th>requests sent</th>")
        .append("<th>requests received</th></tr>\n");
    byLane.forEach(
        (lane, n) ->
            page.append("<tr><td>")
                .append(lane)
                .append("</td><td>")
                .append(n[0])
                .append("</td><td>")
                .append(n[1])
                .append("</td></tr>\n"));
    page.append("</table>\n");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
