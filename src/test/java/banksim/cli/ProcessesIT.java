package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import banksim.testing.JarProcess;
import banksim.testing.Vectors;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.TraceReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Branches as processes of their own: --processes, serve, branch and customers. */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProcessesIT {
  @TempDir Path dir;

  /** The vector, copied into this test's folder: its path marks every process of the test. */
  private Path input(String name) throws Exception {
    return Files.copy(Vectors.input(name), dir.resolve(name + ".json"));
  }

  /** The small vectors, in every layout that has an expected file. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "course-p1",
        "aliases",
        "routed-p3",
        "routed-p3.customer",
        "dest-routed",
        "dest-routed.customer",
        "dest-routed.balance",
        "order-and-gaps",
        "unequal-and-large",
        "withdraw-edges",
        "random-5x20"
      })
  void processesWriteTheSameBytesAndLeaveNoProcess(String vector) throws Exception {
    Vectors.Output expected = Vectors.Output.of(vector);
    Path input = input(expected.name());
    Path output = dir.resolve("out.json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--processes",
                input.toString(),
                "-q",
                "-o",
                output.toString(),
                "--base-port",
                FreePorts.base(input)));
    args.addAll(expected.layoutArgs());

    Process run =
        new ProcessBuilder(JarProcess.command(args.toArray(String[]::new)))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log.txt").toFile())
            .start();

    assertTrue(run.waitFor(120, TimeUnit.SECONDS), "--processes run did not end");
    assertEquals(0, run.exitValue(), Files.readString(dir.resolve("log.txt")));
    assertEquals("", Files.readString(dir.resolve("log.txt")));
    assertArrayEquals(Files.readAllBytes(expected.expected()), Files.readAllBytes(output));
    assertEquals(List.of(), JarProcess.awaitNoProcessMentioning(dir.toString(), 5_000));
  }

  @ParameterizedTest
  @MethodSource("banksim.testing.Vectors#projectTwoNames")
  void processesWriteTheProjectTwoLogs(String name) throws Exception {
    Path input =
        Files.copy(Vectors.dir().resolve("p2").resolve(name + ".json"), dir.resolve("in.json"));
    Path output = dir.resolve("output.json");

    Process run =
        new ProcessBuilder(
                JarProcess.command(
                    "--processes",
                    input.toString(),
                    "--clocks",
                    "-o",
                    output.toString(),
                    "--base-port",
                    FreePorts.base(input)))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log.txt").toFile())
            .start();

    assertTrue(run.waitFor(120, TimeUnit.SECONDS), "--processes run did not end");
    assertEquals("", Files.readString(dir.resolve("log.txt")));
    assertEquals(0, run.exitValue());
    Vectors.assertProjectTwoLogs(name, dir, output);
  }

  @Test
  void eachProcessTracesItsPartAndTheLauncherMergesThem() throws Exception {
    Path input = input("routed-p3");
    Path trace = dir.resolve("run.trace.jsonl");

    Process run =
        new ProcessBuilder(
                JarProcess.command(
                    "--processes",
                    input.toString(),
                    "-q",
                    "-o",
                    dir.resolve("out.json").toString(),
                    "--trace",
                    trace.toString(),
                    "--base-port",
                    FreePorts.base(input)))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log.txt").toFile())
            .start();

    assertTrue(run.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, run.exitValue(), Files.readString(dir.resolve("log.txt")));
    List<TraceEvent> events = TraceReader.read(trace);
    for (int i = 1; i < events.size(); i++) {
      assertTrue(events.get(i - 1).tUs() <= events.get(i).tUs(), "merged in time order");
    }
    // Branches record what they receive: their parts are in the merged trace.
    assertEquals(
        6,
        events.stream()
            .filter(e -> e.rpc() == Rpc.MSG_DELIVERY && e.kind() == TraceEvent.Kind.RECV)
            .count());
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.rpc() == Rpc.PROPAGATE_WITHDRAW
                        && e.kind() == TraceEvent.Kind.RECV
                        && e.to().equals(Participant.branch(1))));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".part")).toList());
    }
  }

  @Test
  void sigtermStopsEveryBranchProcessAndWritesNothing() throws Exception {
    Process run = startLongProcessesRun();

    run.destroy(); // SIGTERM

    assertTrue(run.waitFor(30, TimeUnit.SECONDS));
    assertEquals(143, run.exitValue());
    assertEquals(List.of(), JarProcess.awaitNoProcessMentioning(dir.toString(), 10_000));
    assertFalse(Files.exists(dir.resolve("out.json")));
  }

  @Test
  void sigintStopsEveryBranchProcessAndWritesNothing() throws Exception {
    Process run = startLongProcessesRun();

    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor());

    assertTrue(run.waitFor(30, TimeUnit.SECONDS));
    assertEquals(130, run.exitValue());
    assertEquals(List.of(), JarProcess.awaitNoProcessMentioning(dir.toString(), 10_000));
    assertFalse(Files.exists(dir.resolve("out.json")));
  }

  @Test
  void customersStopNamingABranchThatDiesUnderThem() throws Exception {
    Path input = dir.resolve("long.json");
    assertEquals(
        0,
        CliRun.of(
                "gen",
                "--branches",
                "3",
                "--customers",
                "300",
                "--events",
                "50",
                "-o",
                input.toString())
            .exitCode());
    String base = FreePorts.base(input);
    List<Process> branches = new ArrayList<>();
    try {
      for (int id = 1; id <= 3; id++) {
        branches.add(
            new ProcessBuilder(
                    JarProcess.command(
                        "branch",
                        input.toString(),
                        "--id",
                        Integer.toString(id),
                        "--base-port",
                        base,
                        "--deadline-ms",
                        "1000",
                        "--retries",
                        "1"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start());
      }
      Path trace = dir.resolve("customers.trace.jsonl");
      Process customers =
          new ProcessBuilder(
                  JarProcess.command(
                      "customers",
                      input.toString(),
                      "-q",
                      "-o",
                      dir.resolve("out.json").toString(),
                      "--base-port",
                      base,
                      "--deadline-ms",
                      "1000",
                      "--retries",
                      "1",
                      "--trace",
                      trace.toString()))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      var errorLine = JarProcess.firstLine(customers, "bank-sim: error");
      // The trace reaches the disk once its buffer fills: the customers are running by then.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(trace) || Files.size(trace) == 0) {
        assertTrue(System.nanoTime() < deadline, "the customers did not start");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }

      branches.get(2).destroyForcibly(); // kill -9 branch 3

      assertTrue(customers.waitFor(20, TimeUnit.SECONDS), "customers did not stop in 20 s");
      assertEquals(1, customers.exitValue());
      String error = errorLine.get(5, TimeUnit.SECONDS);
      assertTrue(error.contains("branch 3 at 127.0.0.1:" + (Integer.parseInt(base) + 3)), error);
      assertFalse(Files.exists(dir.resolve("out.json")));
    } finally {
      branches.forEach(Process::destroyForcibly);
    }
  }

  @Test
  void sigkillOfTheLauncherEndsEveryBranchProcess() throws Exception {
    Process run = startLongProcessesRun();

    run.destroyForcibly(); // SIGKILL: nothing of the launcher runs any more

    assertTrue(run.waitFor(30, TimeUnit.SECONDS));
    assertEquals(List.of(), JarProcess.awaitNoProcessMentioning(dir.toString(), 15_000));
    assertFalse(Files.exists(dir.resolve("out.json")));
  }

  @Test
  void aBranchKilledMidRunEndsTheRunNamingIt() throws Exception {
    Process run = startLongProcessesRun(ProcessBuilder.Redirect.PIPE);
    var errorLine = JarProcess.firstLine(run, "bank-sim: error");
    long branch3 =
        JarProcess.processesMentioning(dir.toString()).stream()
            .filter(
                pid ->
                    ProcessHandle.of(pid)
                        .flatMap(p -> p.info().arguments())
                        .map(args -> String.join(" ", args).contains("--id 3"))
                        .orElse(false))
            .findFirst()
            .orElseThrow();
    long killed = System.nanoTime();

    ProcessHandle.of(branch3).orElseThrow().destroyForcibly(); // kill -9

    assertTrue(run.waitFor(20, TimeUnit.SECONDS), "the run did not stop within 20 s");
    assertEquals(1, run.exitValue());
    String error = errorLine.get(5, TimeUnit.SECONDS);
    assertTrue(error.startsWith("bank-sim: error: branch 3 at 127.0.0.1:"), error);
    assertTrue(error.contains("was killed (SIGKILL)"), error);
    assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(20));
    assertFalse(Files.exists(dir.resolve("out.json")));
    assertEquals(List.of(), JarProcess.awaitNoProcessMentioning(dir.toString(), 10_000));
  }

  private Process startLongProcessesRun() throws Exception {
    return startLongProcessesRun(ProcessBuilder.Redirect.DISCARD);
  }

  /** A --processes run of 4 branches that takes long; returns once every process is up. */
  private Process startLongProcessesRun(ProcessBuilder.Redirect stderr) throws Exception {
    Path input = dir.resolve("long.json");
    assertEquals(
        0,
        CliRun.of(
                "gen",
                "--branches",
                "4",
                "--customers",
                "400",
                "--events",
                "50",
                "-o",
                input.toString())
            .exitCode());
    Process run =
        new ProcessBuilder(
                JarProcess.command(
                    "--processes",
                    input.toString(),
                    "-q",
                    "-o",
                    dir.resolve("out.json").toString(),
                    "--base-port",
                    FreePorts.base(input)))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr)
            .start();
    // The launcher, its tuned JVM and 4 branches all name the input.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (JarProcess.processesMentioning(dir.toString()).size() < 6) {
      assertTrue(System.nanoTime() < deadline, "the branch processes did not start");
      assertTrue(run.isAlive(), "the run ended early");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return run;
  }

  @Test
  void aPortInUseUnderProcessesKeepsTheBasePortHint() throws Exception {
    Path input = input("course-p1");
    int base = Integer.parseInt(FreePorts.base(input));
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 3));

      Process run =
          new ProcessBuilder(
                  JarProcess.command(
                      "--processes",
                      input.toString(),
                      "-q",
                      "-o",
                      dir.resolve("out.json").toString(),
                      "--base-port",
                      Integer.toString(base)))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log.txt").toFile())
              .start();

      assertTrue(run.waitFor(120, TimeUnit.SECONDS));
      String log = Files.readString(dir.resolve("log.txt"));
      assertEquals(1, run.exitValue(), log);
      assertTrue(
          log.contains(
              "the address is already in use; choose other ports with --base-port (now "
                  + base
                  + ")"),
          log);
    }
  }

  /** Idle clients connected to every branch do not hold serve up: it stops in about a second. */
  @Test
  void serveStopsPromptlyWhileClientsStayConnected() throws Exception {
    Path input = input("random-5x20");
    int base = Integer.parseInt(FreePorts.base(input));
    Process serve =
        new ProcessBuilder(JarProcess.command("serve", input.toString(), "--base-port", "" + base))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<Socket> idle = new ArrayList<>();
    try {
      JarProcess.firstLine(serve, "bank-sim: ready").get(60, TimeUnit.SECONDS);
      for (int id = 1; id <= 5; id++) {
        idle.add(new Socket(InetAddress.getLoopbackAddress(), base + id));
      }

      long start = System.nanoTime();
      serve.destroy();
      assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve did not stop");
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertEquals(0, serve.exitValue());
      assertTrue(tookMillis < 4_000, "stopped after " + tookMillis + " ms");
    } finally {
      for (Socket socket : idle) {
        socket.close();
      }
      serve.destroyForcibly();
    }
  }

  /** customers writes every layout: routed inputs by default one record per event. */
  @ParameterizedTest
  @ValueSource(strings = {"random-routed-12", "random-routed-12.customer"})
  void customersAgainstServeGetTheExpectedBytesAndServeStopsWithZero(String vector)
      throws Exception {
    Path input = input("random-routed-12");
    String base = FreePorts.base(input);
    Process serve =
        new ProcessBuilder(JarProcess.command("serve", input.toString(), "--base-port", base))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String ready = JarProcess.firstLine(serve, "bank-sim: ready").get(60, TimeUnit.SECONDS);
      assertTrue(ready.startsWith("bank-sim: ready: 12 branches on 127.0.0.1:"), ready);

      CliRun.assertCustomersWriteTheVector(vector, input, dir, "--base-port", base);
    } finally {
      serve.destroy();
    }
    assertTrue(serve.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, serve.exitValue());
  }

  @Test
  void branchesStartedInAnyOrderFromAClusterFileServeTheCustomers() throws Exception {
    Path input = input("course-p1");
    int base = Integer.parseInt(FreePorts.base(input));
    Path cluster =
        Files.writeString(
            dir.resolve("cluster.json"),
            "{\"1\": \"127.0.0.1:"
                + (base + 1)
                + "\", \"2\": \"localhost:"
                + (base + 2)
                + "\", \"3\": \"127.0.0.1:"
                + (base + 3)
                + "\"}");
    List<Process> branches = new ArrayList<>();
    try {
      for (int id = 3; id >= 1; id--) {
        branches.add(
            new ProcessBuilder(
                    JarProcess.command(
                        "branch",
                        input.toString(),
                        "--id",
                        Integer.toString(id),
                        "--cluster",
                        cluster.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("branch-" + id + ".err").toFile())
                .start());
      }

      CliRun.assertCustomersWriteTheVector(
          "course-p1", input, dir, "--cluster", cluster.toString());
    } finally {
      branches.forEach(Process::destroy);
    }
    for (Process branch : branches) {
      assertTrue(branch.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, branch.exitValue());
    }
  }

  @Test
  void customersNameTheBranchesThatNeverCameUp() throws Exception {
    Path input = input("course-p1");

    long start = System.nanoTime();
    CliRun run =
        CliRun.of(
            "customers",
            input.toString(),
            "-o",
            dir.resolve("o.json").toString(),
            "--base-port",
            FreePorts.base(input),
            "--wait-s",
            "1");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals(1, run.exitCode());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains("branches 1 at 127.0.0.1:"), run.err());
    assertTrue(
        run.err()
            .endsWith(
                " did not become ready within 1000 ms (waited for a connection,"
                    + " then SERVING from grpc.health.v1.Health where the branch has it)\n"),
        run.err());
    assertTrue(tookMillis >= 1000 && tookMillis < 10_000, "took " + tookMillis + " ms");
    assertFalse(Files.exists(dir.resolve("o.json")));
  }
}
