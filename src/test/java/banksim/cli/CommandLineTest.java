package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.input.InputParser;
import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import banksim.testing.Vectors;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("grpc")
class CommandLineTest {
  @TempDir Path dir;

  @Test
  void helpListsEveryOptionAndAnExample() {
    CliRun run = CliRun.of("--help");

    assertEquals(0, run.exitCode());
    for (String option :
        List.of(
            "INPUT",
            "--output",
            "--layout",
            "--bind",
            "--base-port",
            "--deadline-ms",
            "--tls",
            "--quiet",
            "--debug",
            "--help",
            "--version",
            "java -jar")) {
      assertTrue(run.out().contains(option), "help mentions " + option + ":\n" + run.out());
    }
    // Each command with a whole one-line summary: a sentence that ends on its line.
    for (String command :
        List.of("gen", "serve", "branch", "customers", "certs", "verify", "diagram", "export")) {
      assertTrue(
          run.out().lines().anyMatch(line -> line.matches("  " + command + " +[A-Z].*\\.")),
          command + ":\n" + run.out());
    }
  }

  @Test
  void versionNamesTheRelease() {
    CliRun run = CliRun.of("--version");

    assertEquals(0, run.exitCode());
    assertTrue(run.out().matches("(?s)bank-sim \\d+\\.\\d+\\.\\d+.*"), run.out());
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("--frobnicate", "x.json");

    assertEquals(2, run.exitCode());
    assertEquals(
        List.of("bank-sim: error: Unknown option: '--frobnicate' (see bank-sim --help)"),
        run.errLines());
  }

  @Test
  void missingInputIsAUsageError() {
    CliRun run = CliRun.of();

    assertEquals(2, run.exitCode());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains("INPUT"), run.err());
  }

  @Test
  void basePortOutOfRangeIsAUsageError() {
    CliRun run = CliRun.of(Vectors.input("course-p1").toString(), "--base-port", "70000");

    assertEquals(2, run.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: --base-port must be from 0 to 65534, got 70000"
                + " (see bank-sim --help)"),
        run.errLines());
  }

  @Test
  void anUnknownLayoutIsAUsageError() {
    CliRun run = CliRun.of(Vectors.input("course-p1").toString(), "--layout", "events");

    assertEquals(2, run.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: Invalid value for option '--layout': must be customer,"
                + " event or balance, got 'events' (see bank-sim --help)"),
        run.errLines());
    assertEquals("", run.out());
  }

  @Test
  void unwritableOutputIsRefusedBeforeAnythingStarts() {
    Path output = dir.resolve("no-such-folder").resolve("out.json");

    CliRun run = CliRun.of(Vectors.input("course-p1").toString(), "-o", output.toString());

    assertEquals(2, run.exitCode());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains("does not exist"), run.err());
  }

  @Test
  void outputThatIsAFolderIsRefused() {
    CliRun run = CliRun.of(Vectors.input("course-p1").toString(), "-o", dir.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("is a folder"), run.err());
  }

  @Test
  void portInUseNamesTheBranchTheAddressAndTheOption() throws Exception {
    Path input = Vectors.input("course-p1");
    int base = FreePorts.baseFor(input);
    Path output = Files.writeString(dir.resolve("output.json"), "earlier\n");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 2));

      CliRun run =
          CliRun.of(
              input.toString(), "-o", output.toString(), "--base-port", Integer.toString(base));

      assertEquals(1, run.exitCode());
      assertEquals(
          List.of(
              "bank-sim: error: branch 2 cannot listen on 127.0.0.1:"
                  + (base + 2)
                  + ": the address is already in use; choose other ports with --base-port (now "
                  + base
                  + ")"),
          run.errLines());
    }
    assertEquals("earlier\n", Files.readString(output));
    assertTrue(FreePorts.isFree(base + 1), "branch 1, started before the failure, was stopped");
  }

  @Test
  void aBranchPortLeftInTimeWaitByAnEarlierRunCanBeUsedAgain() throws Exception {
    Path input = Vectors.input("course-p1");
    int base = FreePorts.baseFor(input);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    // An earlier run's branch 1 closed a connection first: its port stays in TIME_WAIT.
    try (ServerSocket earlierBranch = new ServerSocket()) {
      earlierBranch.setReuseAddress(true);
      earlierBranch.bind(new InetSocketAddress(loopback, base + 1));
      try (Socket client = new Socket(loopback, base + 1)) {
        earlierBranch.accept().close();
        assertEquals(-1, client.getInputStream().read());
      }
    }
    assertFalse(FreePorts.isFree(base + 1), "precondition: TIME_WAIT blocks a plain bind");

    CliRun run =
        CliRun.of(
            input.toString(),
            "-q",
            "-o",
            dir.resolve("out.json").toString(),
            "--base-port",
            Integer.toString(base));

    assertEquals("", run.err());
    assertEquals(0, run.exitCode());
  }

  @Test
  void aRunLeavesNoClientPortInTimeWait() throws Exception {
    Path input = Vectors.input("seed-22");
    int base = FreePorts.baseFor(input);

    CliRun run =
        CliRun.of(
            input.toString(),
            "-q",
            "-o",
            dir.resolve("out.json").toString(),
            "--base-port",
            Integer.toString(base));

    assertEquals(0, run.exitCode());
    // Client ports come from the range where other runs' branches listen (50000+): a client
    // port in TIME_WAIT would keep such a branch from starting for a minute.
    List<String> sockets = new ArrayList<>(Files.readAllLines(Path.of("/proc/net/tcp")));
    sockets.addAll(Files.readAllLines(Path.of("/proc/net/tcp6")));
    List<String> lingering =
        sockets.stream()
            .filter(line -> !line.contains("local_address"))
            .map(line -> line.trim().split("\\s+"))
            .filter(f -> f[3].equals("06")) // TIME_WAIT
            .filter(
                f -> {
                  int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                  return remotePort > base && remotePort <= base + 22;
                })
            .map(f -> f[1] + " -> " + f[2])
            .toList();
    assertEquals(0, lingering.size(), "client sockets in TIME_WAIT: " + lingering);
  }

  @Test
  void debugAddsTheStackTrace() throws Exception {
    Path input = Vectors.input("course-p1");
    int base = FreePorts.baseFor(input);
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 1));

      CliRun run =
          CliRun.of(
              input.toString(),
              "--debug",
              "-o",
              dir.resolve("o.json").toString(),
              "--base-port",
              Integer.toString(base));

      assertEquals(1, run.exitCode());
      assertTrue(run.errLines().size() > 1, run.err());
      assertTrue(run.err().contains("\tat banksim.cluster.BranchHost"), run.err());
    }
  }

  @Test
  void leavesNoNonDaemonThreadBehind() throws Exception {
    Set<Thread> before = nonDaemonThreads();
    Path input = Vectors.input("seed-22");

    CliRun run =
        CliRun.of(
            input.toString(),
            "-q",
            "-o",
            dir.resolve("out.json").toString(),
            "--base-port",
            Integer.toString(FreePorts.baseFor(input)));

    assertEquals(0, run.exitCode());
    Set<Thread> after = nonDaemonThreads();
    after.removeAll(before);
    // Netty's global executor thread ends by itself one second after its last task.
    for (Thread thread : after) {
      thread.join(3_000);
    }
    assertEquals(
        Set.of(),
        after.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet()));
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isDaemon() && t.isAlive())
        .collect(Collectors.toSet());
  }

  @Test
  void genWritesTheSameInputForTheSameSeed() throws Exception {
    Path file = dir.resolve("gen.json");

    CliRun toStdout = CliRun.of("gen", "--branches", "3", "--events", "4", "--seed", "9");
    CliRun toFile =
        CliRun.of("gen", "--branches", "3", "--events", "4", "--seed", "9", "-o", file.toString());

    assertEquals(0, toStdout.exitCode());
    assertEquals(0, toFile.exitCode());
    assertEquals(toStdout.out(), Files.readString(file));
    assertTrue(
        toStdout.out().startsWith("[\n  {\"id\": 1, \"type\": \"branch\", \"balance\": 1000},\n"),
        toStdout.out());
  }

  @Test
  void genRejectsBadSettings() {
    for (String[] args :
        List.of(
            new String[] {"gen", "--branches", "0", "--events", "1"},
            new String[] {"gen", "--branches", "2", "--events", "1", "--route", "1.5"},
            new String[] {"gen", "--branches", "2", "--events", "-1"},
            new String[] {"gen", "--events", "1"})) {
      CliRun run = CliRun.of(args);

      assertEquals(2, run.exitCode(), String.join(" ", args));
      assertEquals(1, run.errLines().size(), run.err());
      assertTrue(run.err().endsWith(" (see bank-sim gen --help)\n"), run.err());
    }
  }

  @Test
  void anUnwritableOutputIsExitTwoInEveryCommand() throws Exception {
    Path nowhere = dir.resolve("no-such-folder").resolve("out");
    Path trace = Files.writeString(dir.resolve("t.jsonl"), "");
    for (String[] args :
        List.of(
            new String[] {"gen", "--branches", "2", "--events", "1", "-o", nowhere.toString()},
            new String[] {Vectors.input("course-p1").toString(), "-o", nowhere.toString()},
            new String[] {"diagram", trace.toString(), "-o", nowhere.toString()},
            new String[] {
              "verify",
              "--gradescope",
              nowhere.toString(),
              Vectors.input("course-p1").toString(),
              Vectors.expected("course-p1").toString()
            })) {
      CliRun run = CliRun.of(args);

      assertEquals(2, run.exitCode(), String.join(" ", args));
      assertEquals(
          List.of(
              "bank-sim: error: cannot write the output: folder "
                  + nowhere.getParent()
                  + " does not exist"),
          run.errLines());
    }
  }

  @Test
  void whatOnlyTheFileSystemKnowsStopsTheRunBeforeItStarts() {
    Path tooLong = dir.resolve("x".repeat(300) + ".json");

    CliRun run = CliRun.of(Vectors.input("course-p1").toString(), "-o", tooLong.toString());

    assertEquals(2, run.exitCode());
    assertEquals(
        List.of("bank-sim: error: cannot write the output: " + tooLong + ": File name too long"),
        run.errLines());
  }

  @Test
  void anEmptyBindIsAUsageError() {
    CliRun run = CliRun.of(Vectors.input("course-p1").toString(), "--bind", "");

    assertEquals(2, run.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: --bind must name an address, such as 127.0.0.1 or 0.0.0.0 (see"
                + " bank-sim --help)"),
        run.errLines());
  }

  @Test
  void genWritesOnlyInputsThatItsBasePortCanRun() throws Exception {
    Path big = dir.resolve("big.json");

    CliRun refused = CliRun.of("gen", "--branches", "20000", "--events", "0");
    CliRun lower =
        CliRun.of(
            "gen",
            "--branches",
            "20000",
            "--events",
            "0",
            "--base-port",
            "10000",
            "-o",
            big.toString());

    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("--branches must be from 1 to 15535"), refused.err());
    assertEquals(0, lower.exitCode(), lower.err());
    assertEquals(20000, new InputParser(10000).parse(big).branches().size());
  }

  @Test
  void genTakesDebug() {
    CliRun run =
        CliRun.of(
            "gen",
            "--debug",
            "--branches",
            "1",
            "--events",
            "1",
            "-o",
            dir.resolve("none/x.json").toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("at banksim."), "a stack trace with --debug: " + run.err());
  }

  @Test
  void statsToAnUnwritablePlaceIsRefusedBeforeAnythingStarts() {
    CliRun run =
        CliRun.of(
            Vectors.input("course-p1").toString(),
            "-o",
            dir.resolve("o.json").toString(),
            "--stats",
            dir.resolve("nope/s.json").toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("does not exist"), run.err());
    assertFalse(Files.exists(dir.resolve("o.json")));
  }

  @Test
  void noStackTraceWithoutDebug() throws Exception {
    Path input = Files.writeString(dir.resolve("in.json"), "[{\"id\": 1, \"type\": \"branch\"}]");

    CliRun run = CliRun.of(input.toString(), "-o", dir.resolve("o.json").toString());

    assertEquals(2, run.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: "
                + input
                + ": $[0].balance: missing; must be an integer from 0 to 9223372036854775807"),
        run.errLines());
    assertFalse(Files.exists(dir.resolve("o.json")));
  }
}
