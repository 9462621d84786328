package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.proto.BalanceQuery;
import banksim.proto.BankServiceGrpc;
import banksim.testing.FreePorts;
import banksim.testing.JarProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branch killed with SIGKILL in the middle of a run and started again rejoins: no acknowledged
 * write is lost or applied twice, and the replicas agree. 100 deposits of 1 spread over three
 * branches; branch 2 is killed once branch 1 has applied 50 of them, whatever is in flight then.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RestartIT {
  private static final long INITIAL = 1_000;
  private static final int WRITES = 100;

  @TempDir Path dir;
  private Path input;
  private int base;
  private final List<Process> processes = new ArrayList<>();
  private final Map<Integer, ManagedChannel> channels = new HashMap<>();

  @BeforeEach
  void writeInput() throws Exception {
    // Ten customers of ten deposits each, every event at the next branch in turn.
    String customers =
        IntStream.range(0, 10)
            .mapToObj(
                c ->
                    "{\"id\": "
                        + (c + 1)
                        + ", \"type\": \"customer\", \"events\": ["
                        + IntStream.range(0, 10)
                            .mapToObj(
                                e ->
                                    "{\"id\": "
                                        + (c * 10 + e + 1)
                                        + ", \"interface\": \"deposit\", \"money\": 1,"
                                        + " \"branch\": "
                                        + ((c * 10 + e) % 3 + 1)
                                        + "}")
                            .collect(Collectors.joining(", "))
                        + "]}")
            .collect(Collectors.joining(",\n  "));
    String branches =
        IntStream.rangeClosed(1, 3)
            .mapToObj(
                b -> "{\"id\": " + b + ", \"type\": \"branch\", \"balance\": " + INITIAL + "}")
            .collect(Collectors.joining(",\n  "));
    input = dir.resolve("restart.json");
    Files.writeString(input, "[\n  " + customers + ",\n  " + branches + "\n]\n");
    base = FreePorts.baseFor(input);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (ManagedChannel channel : channels.values()) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (Process process : processes) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBranchProcessKilledAndStartedAgainRejoinsAndNothingIsLostOrDoubled() throws Exception {
    for (int id = 1; id <= 3; id++) {
      startBranch(id).get(60, TimeUnit.SECONDS);
    }
    Path output = dir.resolve("out.json");
    Process customers =
        start(
            JarProcess.command(
                "customers", input.toString(), "--base-port", base(), "-o", output.toString()));

    awaitBalance(1, INITIAL + WRITES / 2);
    Process branch2 = processes.get(1);
    branch2.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Process restarted = start(branchCommand(2));
    CompletableFuture<String> rejoined = JarProcess.firstLine(restarted, "bank-sim: branch 2");

    assertTrue(customers.waitFor(120, TimeUnit.SECONDS), "the customers finished");
    assertEquals(0, customers.exitValue(), "every write was acknowledged in the end");
    assertTrue(
        rejoined.get(30, TimeUnit.SECONDS).contains("rejoined: took the bank over from branch"),
        rejoined.get());
    for (int id = 1; id <= 3; id++) {
      assertEquals(INITIAL + WRITES, balance(id), "branch " + id + ": every deposit once");
    }
    String written = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(WRITES, count(written, "\"success\""), written);
  }

  @Test
  void theLauncherStartsAKilledBranchProcessAgainWithRestartOnCrash() throws Exception {
    Path output = dir.resolve("out.json");
    Path stderr = dir.resolve("stderr.txt");
    Process run =
        startLogged(
            stderr,
            JarProcess.command(
                input.toString(),
                "--processes",
                "--restart-on-crash",
                "--base-port",
                base(),
                "-o",
                output.toString(),
                "--verbose"));

    awaitBalance(1, INITIAL + WRITES / 2);
    ProcessHandle branch2 = branchProcess(2);
    branch2.destroyForcibly();

    assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the run finished");
    assertEquals(0, run.exitValue(), "every write was acknowledged in the end");
    List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
    assertEquals(
        List.of(
            "bank-sim: branch 2 at 127.0.0.1:"
                + (base + 2)
                + " (process "
                + branch2.pid()
                + ") was killed (SIGKILL); starting it again",
            "bank-sim: final balance " + (INITIAL + WRITES) + " at all 3 branches"),
        lines.stream().filter(line -> !line.startsWith("customer ")).toList(),
        "stderr: one line for the restart, and the replicas agree");
    String written = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(WRITES, count(written, "\"success\""), written);
  }

  /** The process of branch {@code id} under the launcher: its command line names the input. */
  private ProcessHandle branchProcess(int id) throws Exception {
    for (long pid : JarProcess.processesMentioning(input.toString())) {
      ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
      List<String> args = List.of(handle.info().arguments().orElse(new String[0]));
      int at = args.indexOf("--id");
      if (args.contains("branch") && at >= 0 && args.get(at + 1).equals(Integer.toString(id))) {
        return handle;
      }
    }
    throw new AssertionError("no process of branch " + id);
  }

  private Process startLogged(Path stderr, List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile())
            .start();
    processes.add(process);
    return process;
  }

  private CompletableFuture<String> startBranch(int id) throws Exception {
    return JarProcess.firstLine(start(branchCommand(id)), "bank-sim: ready");
  }

  private List<String> branchCommand(int id) {
    return JarProcess.command(
        "branch", input.toString(), "--id", Integer.toString(id), "--base-port", base());
  }

  private Process start(List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    processes.add(process);
    return process;
  }

  private String base() {
    return Integer.toString(base);
  }

  /**
   * Asks branch {@code id} for its balance until it reaches {@code at least}: the writes themselves
   * announce nothing, so this polls, each call a round trip, within a deadline.
   */
  private void awaitBalance(int id, long atLeast) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    // A gRPC channel that finds no listener backs off for a second or more: the run may be over
    // by then. A plain connection tells when the branch listens.
    while (!listening(base + id) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    while (System.nanoTime() < deadline) {
      try {
        if (balance(id) >= atLeast) {
          return;
        }
      } catch (StatusRuntimeException e) {
        // Not listening yet.
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    throw new AssertionError("branch " + id + " never reached " + atLeast);
  }

  private long balance(int id) {
    ManagedChannel channel =
        channels.computeIfAbsent(
            id,
            i -> ManagedChannelBuilder.forAddress("127.0.0.1", base + i).usePlaintext().build());
    return Long.parseLong(
        BankServiceGrpc.newBlockingStub(channel)
            .withWaitForReady()
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .query(BalanceQuery.newBuilder().setBranchId(id).build())
            .getMessage());
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int count(String text, String what) {
    return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
  }
}
