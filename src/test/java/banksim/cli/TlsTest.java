package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.branch.PropagationPolicy;
import banksim.certs.CertsFolder;
import banksim.cluster.Bank;
import banksim.cluster.BranchAddresses;
import banksim.cluster.ClusterConfig;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.InputParser;
import banksim.testing.CliRun;
import banksim.testing.Dirs;
import banksim.testing.FreePorts;
import banksim.testing.Vectors;
import banksim.trace.Tracer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** certs and --tls on the command line, with the branches in this JVM. */
@Tag("grpc")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {
  @TempDir Path dir;

  private Path certs(String vector) {
    Path certs = dir.resolve("certs");
    CliRun made = CliRun.of("certs", Vectors.input(vector).toString(), "-o", certs.toString());
    assertEquals(0, made.exitCode(), made.err());
    return certs;
  }

  @Test
  void certsWritesEveryFileOnceAndRefusesToOverwrite() throws Exception {
    Path certs = certs("course-p1");

    assertEquals(
        List.of(
                "branch-1.key",
                "branch-1.pem",
                "branch-2.key",
                "branch-2.pem",
                "branch-3.key",
                "branch-3.pem",
                "ca.pem",
                "customers.key",
                "customers.pem")
            .stream()
            .map(certs::resolve)
            .toList(),
        Dirs.entries(certs));
    byte[] ca = Files.readAllBytes(certs.resolve("ca.pem"));

    CliRun again =
        CliRun.of("certs", Vectors.input("course-p1").toString(), "-o", certs.toString());

    assertEquals(2, again.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: "
                + certs.resolve("ca.pem")
                + " exists: certs never overwrites certificates; choose a new folder, or remove"
                + " the old files first"),
        again.errLines());
    assertArrayEquals(ca, Files.readAllBytes(certs.resolve("ca.pem")));
  }

  @Test
  void certsTakesAClusterFile() throws Exception {
    Path cluster =
        Files.writeString(
            dir.resolve("cluster.json"), "{\"1\": \"192.0.2.1:50001\", \"2\": \"[::1]:50002\"}");

    CliRun made = CliRun.of("certs", cluster.toString(), "-o", dir.resolve("c").toString());

    assertEquals(0, made.exitCode(), made.err());
    assertEquals(
        List.of(
            "bank-sim: wrote 7 files into "
                + dir.resolve("c")
                + " for 2 branches; give every host ca.pem and only its own branch-N or customers"
                + " files"),
        made.errLines());
    assertEquals(2, CertsFolder.forBranches(dir.resolve("c"), List.of(1, 2)).branches().size());
  }

  @Test
  void certsRefusesAFileThatIsNeitherAClusterFileNorAnInput() throws Exception {
    Path file = Files.writeString(dir.resolve("x.json"), "42");

    CliRun made = CliRun.of("certs", file.toString(), "-o", dir.resolve("c").toString());

    assertEquals(2, made.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: "
                + file
                + ": must be a cluster file (a JSON object from branch id to \"host:port\") or"
                + " an INPUT (a JSON array)"),
        made.errLines());
    assertTrue(Files.notExists(dir.resolve("c")));
  }

  @Test
  void aRunWithTlsWritesTheSameBytes() throws Exception {
    Path input = Vectors.input("seed-22");
    Path output = dir.resolve("out.json");

    CliRun run =
        CliRun.of(
            input.toString(),
            "-q",
            "-o",
            output.toString(),
            "--base-port",
            FreePorts.base(input),
            "--tls",
            certs("seed-22").toString());

    assertEquals("", run.err());
    assertEquals(0, run.exitCode());
    assertArrayEquals(Files.readAllBytes(Vectors.expected("seed-22")), Files.readAllBytes(output));
  }

  @Test
  void customersWithTheirCertificateGetTheSameBytesFromBranchesWithTls() throws Exception {
    Path input = Vectors.input("course-p1");
    Path certs = certs("course-p1");
    BankInput bank = new InputParser(0).parse(input);
    List<Integer> ids = bank.branches().stream().map(BranchSpec::id).toList();
    int base = FreePorts.baseFor(ids);
    ClusterConfig config =
        new ClusterConfig(
                BranchAddresses.onPorts(InetAddress.getLoopbackAddress(), base, ids),
                new PropagationPolicy(5_000, 3),
                ClusterConfig.DEFAULT_READY_TIMEOUT_MILLIS)
            .withTls(CertsFolder.forBranches(certs, ids));
    try (Bank branches = Bank.serving(bank, ids, config, Tracer.NONE, false)) {
      // Only the customers' files, as on a host that runs customers only.
      Path customersOnly = Files.createDirectory(dir.resolve("customers-host"));
      for (String file : List.of("ca.pem", "customers.pem", "customers.key")) {
        Files.copy(certs.resolve(file), customersOnly.resolve(file));
      }
      CliRun.assertCustomersWriteTheVector(
          "course-p1",
          input,
          dir,
          "--base-port",
          Integer.toString(base),
          "--tls",
          customersOnly.toString());
    }
  }

  @Test
  void aTlsFolderWithoutTheFilesIsRefusedInOneLine() throws Exception {
    Path input = Vectors.input("course-p1");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path output = dir.resolve("out.json");

    CliRun run = CliRun.of(input.toString(), "-o", output.toString(), "--tls", empty.toString());

    assertEquals(2, run.exitCode());
    assertEquals(
        List.of(
            "bank-sim: error: "
                + empty.resolve("ca.pem")
                + ": no such file; make the certificates with 'bank-sim certs CLUSTER_FILE -o"
                + " DIR' and copy ca.pem and this host's own files into the folder"),
        run.errLines());
    assertTrue(Files.notExists(output));
  }

  @Test
  void customersNameTheirMissingCertificate() throws Exception {
    Path input = Vectors.input("course-p1");
    Path certs = certs("course-p1");
    Files.delete(certs.resolve("customers.key"));

    CliRun run =
        CliRun.of(
            "customers",
            input.toString(),
            "-o",
            dir.resolve("out.json").toString(),
            "--tls",
            certs.toString());

    assertEquals(2, run.exitCode());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(
        run.err()
            .startsWith("bank-sim: error: " + certs.resolve("customers.key") + ": no such file"),
        run.err());
  }
}
