package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.diagram.ShiVizLog;
import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import banksim.testing.Vectors;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@Tag("grpc")
class TraceTest {
  @TempDir Path dir;

  private List<TraceEvent> traceOf(String vector) throws Exception {
    Path trace = dir.resolve(vector + ".trace.jsonl");
    CliRun run =
        CliRun.of(
            Vectors.input(vector).toString(),
            "-q",
            "-o",
            dir.resolve("out.json").toString(),
            "--trace",
            trace.toString(),
            "--base-port",
            Integer.toString(FreePorts.baseFor(Vectors.input(vector))));
    assertEquals(0, run.exitCode(), run.err());
    return TraceReader.read(trace);
  }

  @ParameterizedTest
  @ValueSource(strings = {"course-p1", "routed-p3", "withdraw-edges", "random-5x20"})
  void everyWriteReachesEveryOtherBranchUnderItsOperationId(String vector) throws Exception {
    BankInput input = new InputParser(0).parse(Vectors.input(vector));
    List<TraceEvent> trace = traceOf(vector);

    // A synchronous run waits for nothing: no WAIT records.
    for (TraceEvent.Kind kind :
        List.of(TraceEvent.Kind.SEND, TraceEvent.Kind.RECV, TraceEvent.Kind.REPLY)) {
      assertEquals(
          input.eventCount(),
          trace.stream().filter(e -> e.rpc() == Rpc.MSG_DELIVERY && e.kind() == kind).count(),
          "MsgDelivery " + kind + " records");
    }
    assertEquals(0, trace.stream().filter(e -> e.kind() == TraceEvent.Kind.WAIT).count());
    List<TraceEvent> writes =
        trace.stream()
            .filter(
                e ->
                    e.rpc() == Rpc.MSG_DELIVERY
                        && e.kind() == TraceEvent.Kind.RECV
                        && e.op() != null)
            .toList();
    assertTrue(!writes.isEmpty());
    for (TraceEvent write : writes) {
      Set<Participant> others =
          input.branches().stream()
              .map(b -> Participant.branch(b.id()))
              .filter(b -> !b.equals(write.to()))
              .collect(Collectors.toSet());
      for (TraceEvent.Kind kind : List.of(TraceEvent.Kind.SEND, TraceEvent.Kind.RECV)) {
        List<Participant> reached =
            trace.stream()
                .filter(
                    e ->
                        e.rpc().isPropagation()
                            && e.kind() == kind
                            && write.op().equals(e.op())
                            && e.from().equals(write.to()))
                .map(TraceEvent::to)
                .sorted()
                .toList();
        assertEquals(
            others.stream().sorted().toList(),
            reached,
            kind + " of op " + write.op() + " from " + write.to());
      }
    }
    for (int i = 1; i < trace.size(); i++) {
      assertTrue(trace.get(i - 1).tUs() <= trace.get(i).tUs(), "in time order at line " + i);
    }
  }

  /** The page's SVG, parsed as XML (so it must be XML). */
  private static Document svgOf(String page) throws Exception {
    String svg = page.substring(page.indexOf("<svg"), page.indexOf("</svg>") + 6);
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** The lines drawn as message arrows. */
  private static List<Element> arrowsOf(Document svg) {
    NodeList lines = svg.getElementsByTagName("line");
    List<Element> arrows = new ArrayList<>();
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      if ("arrow".equals(line.getAttribute("class"))) {
        arrows.add(line);
      }
    }
    return arrows;
  }

  @Test
  void theDiagramIsXmlWithOneArrowPerMessage() throws Exception {
    List<TraceEvent> trace = traceOf("routed-p3");
    Path html = dir.resolve("d.html");

    CliRun run =
        CliRun.of(
            "diagram", dir.resolve("routed-p3.trace.jsonl").toString(), "-o", html.toString());

    assertEquals(0, run.exitCode(), run.err());
    String page = Files.readString(html);
    assertFalse(
        page.contains("<script")
            || page.contains(" src=")
            || page.contains(" href=")
            || page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").contains("http"),
        "self-contained: nothing to fetch");
    Document document = svgOf(page);
    int arrows = arrowsOf(document).size();
    long messages =
        trace.stream()
            .filter(e -> e.kind() != TraceEvent.Kind.RECV)
            .count(); // each send and each reply
    assertEquals(messages, arrows);
    NodeList texts = document.getElementsByTagName("text");
    List<String> laneNames = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) {
      String text = texts.item(i).getTextContent();
      if (text.startsWith("branch ") || text.startsWith("customer ")) {
        laneNames.add(text);
      }
    }
    assertEquals(
        List.of("branch 1", "branch 2", "branch 3", "customer 1", "customer 2"),
        laneNames,
        "one line per branch and per customer");
  }

  @Test
  void byClockEveryRequestGoesForwardAndCarriesItsClocks() throws Exception {
    List<TraceEvent> trace = traceOf("routed-p3");
    Path html = dir.resolve("clock.html");

    CliRun run =
        CliRun.of(
            "diagram",
            dir.resolve("routed-p3.trace.jsonl").toString(),
            "-o",
            html.toString(),
            "--by",
            "clock",
            "--clocks");

    assertEquals(0, run.exitCode(), run.err());
    String page = Files.readString(html);
    List<Element> arrows = arrowsOf(svgOf(page));
    for (Element arrow : arrows) {
      // Lamport: a receive's clock is larger than its send's, so every arrow points right.
      assertTrue(
          Double.parseDouble(arrow.getAttribute("x2"))
              > Double.parseDouble(arrow.getAttribute("x1")),
          "every arrow goes forward");
    }
    assertEquals(
        trace.stream().filter(e -> e.kind() == TraceEvent.Kind.SEND).count(), arrows.size());
    TraceEvent first = trace.get(0);
    assertTrue(page.contains("[" + first.clock() + "\u2192"), "labels carry the clocks");
  }

  @Test
  void theShiVizLogHasVectorClocksThatFollowEveryMessage() throws Exception {
    List<TraceEvent> trace = traceOf("random-5x20");
    Path log = dir.resolve("run.shiviz.log");

    CliRun run =
        CliRun.of(
            "export",
            "--shiviz",
            dir.resolve("random-5x20.trace.jsonl").toString(),
            "-o",
            log.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = Files.readAllLines(log);
    assertEquals(ShiVizLog.REGEX, lines.get(0));
    assertEquals("", lines.get(1));
    Pattern regex = Pattern.compile(lines.get(0));
    List<ShiVizLog.Entry> entries = ShiVizLog.entries(trace);
    assertEquals(entries.size(), lines.size() - 2);
    Map<String, Long> own = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      ShiVizLog.Entry entry = entries.get(i);
      Matcher line = regex.matcher(lines.get(i + 2));
      assertTrue(line.matches(), lines.get(i + 2));
      assertEquals(entry.host(), line.group("host"));
      // Each process's own entry goes up by one per event.
      long previous = own.getOrDefault(entry.host(), 0L);
      assertEquals(previous + 1, entry.clock().get(entry.host()), "own entry at line " + i);
      own.put(entry.host(), previous + 1);
      // A receive's vector clock dominates its send's.
      if (entry.sentBy() >= 0) {
        for (Map.Entry<String, Long> sent : entries.get(entry.sentBy()).clock().entrySet()) {
          assertTrue(
              entry.clock().getOrDefault(sent.getKey(), 0L) >= sent.getValue(),
              "receive at line " + i + " dominates its send for " + sent.getKey());
        }
      }
    }
    assertEquals(
        trace.stream().filter(e -> e.kind() == TraceEvent.Kind.RECV).count(),
        entries.stream().filter(e -> e.sentBy() >= 0).count(),
        "every receive found its send");
  }

  @Test
  void aTraceThatCannotBeWrittenEndsTheRunWithOneLine() throws Exception {
    Path input = Vectors.input("course-p1");

    CliRun run =
        CliRun.of(
            input.toString(),
            "-q",
            "-o",
            dir.resolve("out.json").toString(),
            "--trace",
            "/dev/full",
            "--base-port",
            FreePorts.base(input));

    assertEquals(1, run.exitCode());
    assertEquals(
        List.of("bank-sim: error: cannot write the trace /dev/full: No space left on device"),
        run.errLines());
  }

  @Test
  void aBadTraceIsExitTwo() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"t_us\": 1}\n");

    CliRun run = CliRun.of("diagram", bad.toString(), "-o", dir.resolve("d.html").toString());

    assertEquals(2, run.exitCode());
    assertEquals(
        List.of("bank-sim: error: " + bad + ": line 1: not a trace record: {\"t_us\": 1}"),
        run.errLines());
  }
}
