package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.JarProcess;
import banksim.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One bank on two hosts: two network namespaces joined by a veth pair, 192.0.2.1 and 192.0.2.2 (a
 * documentation range, used only between them). Branches 1 and 2 on host A, branch 3 on host B, the
 * customers on A. Needs root and iproute2; says so where it cannot run.
 */
@Tag("process")
@Tag("netns")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TwoHostsIT {
  private static final String HOST_A = "192.0.2.1";
  private static final String HOST_B = "192.0.2.2";
  private static final String PLAINTEXT_WARNING =
      "bank-sim: warning: branches at "
          + HOST_A
          + ", "
          + HOST_B
          + " talk in plaintext; anyone who can reach them can move money. Make certificates"
          + " with 'bank-sim certs CLUSTER_FILE -o DIR' and pass --tls DIR.";

  private final String suffix = Long.toString(ProcessHandle.current().pid() % 100_000);
  private final String nsA = "banksim-a-" + suffix;
  private final String nsB = "banksim-b-" + suffix;
  private final List<Process> branches = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();

  @TempDir Path dir;

  @BeforeEach
  void makeTwoHosts() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "two-host test skipped: it needs root to make network namespaces");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
        "two-host test skipped: no 'ip' (iproute2)");
    String vethA = "bsa" + suffix;
    String vethB = "bsb" + suffix;
    for (String namespace : List.of(nsA, nsB)) {
      ip("netns", "add", namespace);
      namespaces.add(namespace);
    }
    ip("link", "add", vethA, "type", "veth", "peer", "name", vethB);
    ip("link", "set", vethA, "netns", nsA);
    ip("link", "set", vethB, "netns", nsB);
    ip("-n", nsA, "addr", "add", HOST_A + "/24", "dev", vethA);
    ip("-n", nsB, "addr", "add", HOST_B + "/24", "dev", vethB);
    for (String[] link :
        List.of(
            new String[] {nsA, vethA},
            new String[] {nsA, "lo"},
            new String[] {nsB, vethB},
            new String[] {nsB, "lo"})) {
      ip("-n", link[0], "link", "set", link[1], "up");
    }
  }

  @AfterEach
  void removeTwoHosts() throws Exception {
    branches.forEach(Process::destroy);
    for (Process branch : branches) {
      branch.waitFor(30, TimeUnit.SECONDS);
    }
    // Deleting a namespace deletes its end of the veth pair, and so the pair.
    for (String namespace : namespaces) {
      run(List.of("ip", "netns", "del", namespace));
    }
  }

  /** In plaintext, with a warning; and with --tls, the certificates made by 'certs'. */
  @ParameterizedTest(name = "tls {0}")
  @ValueSource(booleans = {false, true})
  void branchesOnTwoHostsServeCustomersOnOne(boolean tls) throws Exception {
    Path input = Vectors.input("course-p1");
    Path cluster =
        Files.writeString(
            dir.resolve("cluster.json"),
            "{\"1\": \""
                + HOST_A
                + ":50001\", \"2\": \""
                + HOST_A
                + ":50002\", \"3\": \""
                + HOST_B
                + ":50003\"}");
    List<String> tlsArgs = List.of();
    if (tls) {
      Path certs = dir.resolve("certs");
      Process made =
          new ProcessBuilder(
                  JarProcess.command("certs", cluster.toString(), "-o", certs.toString()))
              .inheritIO()
              .start();
      assertTrue(made.waitFor(60, TimeUnit.SECONDS), "certs did not end");
      assertEquals(0, made.exitValue());
      tlsArgs = List.of("--tls", certs.toString());
    }
    // Fresh namespaces: ports 50001-50003 are free in them, whatever the machine runs.
    for (String[] branch :
        List.of(new String[] {nsB, "3"}, new String[] {nsA, "2"}, new String[] {nsA, "1"})) {
      branches.add(
          inNamespace(
                  branch[0],
                  with(
                      tlsArgs,
                      "branch",
                      input.toString(),
                      "--id",
                      branch[1],
                      "--cluster",
                      cluster.toString()))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(dir.resolve("branch-" + branch[1] + ".err").toFile())
              .start());
    }
    Path output = dir.resolve("out.json");

    Process customers =
        inNamespace(
                nsA,
                with(
                    tlsArgs,
                    "customers",
                    input.toString(),
                    "-q",
                    "-o",
                    output.toString(),
                    "--cluster",
                    cluster.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("customers.log").toFile())
            .start();

    assertTrue(customers.waitFor(120, TimeUnit.SECONDS), "customers did not end");
    assertEquals(0, customers.exitValue(), Files.readString(dir.resolve("customers.log")));
    assertArrayEquals(
        Files.readAllBytes(Vectors.expected("course-p1")), Files.readAllBytes(output));
    List<String> log = Files.readAllLines(dir.resolve("customers.log"));
    assertEquals(
        tls ? List.of() : List.of(PLAINTEXT_WARNING), log, "the customers' one warning line");
  }

  private ProcessBuilder inNamespace(String namespace, String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    command.addAll(JarProcess.command(args));
    return new ProcessBuilder(command);
  }

  /** The arguments, then {@code more}. */
  private static String[] with(List<String> more, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(more);
    return all.toArray(String[]::new);
  }

  private static void ip(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    assertEquals(0, run(command), "failed: " + command);
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "did not end: " + command);
    return process.exitValue();
  }
}
