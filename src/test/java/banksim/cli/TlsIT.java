package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.FreePorts;
import banksim.testing.JarProcess;
import banksim.testing.Vectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** certs and --tls through the built jar: processes, branches from a cluster file, the warning. */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TlsIT {
  private static final String WARNING =
      "bank-sim: warning: branches at 192.0.2.1 talk in plaintext; anyone who can reach them can"
          + " move money. Make certificates with 'bank-sim certs CLUSTER_FILE -o DIR' and pass"
          + " --tls DIR.";

  @TempDir Path dir;

  private Path input(String name) throws IOException {
    return Files.copy(Vectors.input(name), dir.resolve(name + ".json"));
  }

  /** Runs the jar to its end; returns its exit code, its standard error in {@code log}. */
  private int jar(Path log, String... args) throws Exception {
    Process process =
        new ProcessBuilder(JarProcess.command(args))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(log.toFile())
            .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not end: " + List.of(args));
    return process.exitValue();
  }

  private Path certs(Path file) throws Exception {
    Path certs = dir.resolve("certs");
    Path log = dir.resolve("certs.log");
    assertEquals(
        0, jar(log, "certs", file.toString(), "-o", certs.toString()), Files.readString(log));
    return certs;
  }

  @Test
  void certsWritesTheFolderOnceWithOwnerOnlyKeys() throws Exception {
    Path input = input("course-p1");
    Path certs = dir.resolve("certs");
    Path log = dir.resolve("certs.log");

    assertEquals(0, jar(log, "certs", input.toString(), "-o", certs.toString()));

    assertEquals(1, Files.readAllLines(log).size(), Files.readString(log));
    for (String name : List.of("branch-1", "branch-2", "branch-3", "customers")) {
      assertTrue(Files.isRegularFile(certs.resolve(name + ".pem")), name);
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(certs.resolve(name + ".key"))));
    }

    assertEquals(2, jar(log, "certs", input.toString(), "-o", certs.toString()));
    List<String> refused = Files.readAllLines(log);
    assertEquals(1, refused.size(), refused.toString());
    assertTrue(refused.get(0).startsWith("bank-sim: error: "), refused.get(0));
    assertTrue(refused.get(0).contains("exists: certs never overwrites"), refused.get(0));
  }

  @Test
  void processesWithTlsWriteTheSameBytes() throws Exception {
    Path input = input("course-p1");
    Path output = dir.resolve("out.json");
    Path log = dir.resolve("run.log");

    int code =
        jar(
            log,
            "--processes",
            input.toString(),
            "-q",
            "-o",
            output.toString(),
            "--base-port",
            FreePorts.base(input),
            "--tls",
            certs(input).toString());

    assertEquals(0, code, Files.readString(log));
    assertEquals("", Files.readString(log));
    assertArrayEquals(
        Files.readAllBytes(Vectors.expected("course-p1")), Files.readAllBytes(output));
    assertEquals(List.of(), JarProcess.awaitNoProcessMentioning(dir.toString(), 5_000));
  }

  /** A cluster file that names a branch by name: its certificate's DNS name must match. */
  @Test
  void branchesFromAClusterFileServeCustomersOverTls() throws Exception {
    Path input = input("course-p1");
    int base = FreePorts.baseFor(input);
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
    Path certs = certs(cluster);
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
                        "--cluster",
                        cluster.toString(),
                        "--tls",
                        certs.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("branch-" + id + ".err").toFile())
                .start());
      }

      CliRun.assertCustomersWriteTheVector(
          "course-p1", input, dir, "--cluster", cluster.toString(), "--tls", certs.toString());
    } finally {
      branches.forEach(Process::destroy);
    }
    for (Process branch : branches) {
      assertTrue(branch.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, branch.exitValue());
    }
  }

  /**
   * A cluster file that puts the branches on 192.0.2.1 (a documentation address that need not
   * exist): the branch listens on loopback (--bind), warns once, and serves.
   */
  @Test
  void plaintextOffLoopbackWarnsOnceAndGoesOn() throws Exception {
    List<String> lines = branchOffLoopback(false);

    assertEquals(WARNING, lines.get(0));
    assertTrue(lines.get(1).startsWith("bank-sim: ready: branch 1 at 127.0.0.1:"), lines.get(1));
    assertEquals(
        1, lines.stream().filter(line -> line.contains("warning")).count(), lines.toString());
  }

  @Test
  void tlsOffLoopbackDoesNotWarn() throws Exception {
    List<String> lines = branchOffLoopback(true);

    assertTrue(
        lines.get(0).startsWith("bank-sim: ready: branch 1 at 127.0.0.1:"), lines.toString());
    assertEquals(1, lines.size(), lines.toString());
  }

  /** Branch 1 of a cluster on 192.0.2.1, listening on loopback: its stderr until it stopped. */
  private List<String> branchOffLoopback(boolean tls) throws Exception {
    Path input = input("course-p1");
    int base = FreePorts.baseFor(input);
    StringBuilder entries = new StringBuilder();
    for (int id = 1; id <= 3; id++) {
      entries
          .append(id == 1 ? "{" : ", ")
          .append("\"" + id + "\": \"192.0.2.1:" + (base + id) + "\"");
    }
    Path cluster = Files.writeString(dir.resolve("cluster.json"), entries + "}");
    List<String> args =
        new ArrayList<>(
            List.of(
                "branch",
                input.toString(),
                "--id",
                "1",
                "--cluster",
                cluster.toString(),
                "--bind",
                "127.0.0.1"));
    if (tls) {
      args.addAll(List.of("--tls", certs(cluster).toString()));
    }
    Process branch =
        new ProcessBuilder(JarProcess.command(args.toArray(String[]::new)))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readLines(branch, stderr), "branch-stderr");
    reader.start();
    List<String> lines = new ArrayList<>();
    try {
      String line;
      do {
        line = stderr.poll(60, TimeUnit.SECONDS);
        assertNotNull(line, "no ready line; got " + lines);
        lines.add(line);
      } while (!line.startsWith("bank-sim: ready"));
    } finally {
      branch.destroy();
    }
    assertTrue(branch.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, branch.exitValue());
    reader.join(TimeUnit.SECONDS.toMillis(30));
    stderr.drainTo(lines);
    return lines;
  }

  private static void readLines(Process process, BlockingQueue<String> lines) {
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
