package banksim.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.Dirs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder 'certs' writes, checked with the JDK's own X.509 code; and reading it back. */
@Tag("unit")
class CertsFolderTest {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final StandardCopyOption REPLACE = StandardCopyOption.REPLACE_EXISTING;

  @TempDir Path dir;

  private final Map<Integer, String> cluster =
      Map.of(1, "192.0.2.1", 2, "bank-b.example", 3, "2001:db8::3");

  @Test
  void everyCertificateValidatesAgainstTheCaAndNamesItsHolder() throws Exception {
    CertsFolder.make(dir, cluster, Instant.now());

    X509Certificate ca = read("ca.pem");
    assertEquals(0, ca.getBasicConstraints(), "the CA may sign, and only end certificates");
    for (String name : List.of("branch-1", "branch-2", "branch-3", "customers")) {
      X509Certificate certificate = read(name + ".pem");
      validate(certificate, ca);
      assertTrue(
          certificate.getSubjectX500Principal().getName().contains("CN=" + name),
          certificate.getSubjectX500Principal().getName());
      assertEquals("EC", certificate.getPublicKey().getAlgorithm());
      assertEquals("SHA256withECDSA", certificate.getSigAlgName());
      assertEquals(-1, certificate.getBasicConstraints(), name + " is no CA");
    }
    assertEquals(List.of(CLIENT_AUTH), read("customers.pem").getExtendedKeyUsage());
    assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), read("branch-1.pem").getExtendedKeyUsage());
  }

  @Test
  void aBranchCertificateNamesItsClusterHostAndLoopback() throws Exception {
    CertsFolder.make(dir, cluster, Instant.now());

    assertEquals(
        Set.of("ip:192.0.2.1", "ip:127.0.0.1", "ip:0:0:0:0:0:0:0:1", "dns:localhost"),
        alternativeNames(read("branch-1.pem")));
    assertEquals(
        Set.of("dns:bank-b.example", "ip:127.0.0.1", "ip:0:0:0:0:0:0:0:1", "dns:localhost"),
        alternativeNames(read("branch-2.pem")));
    assertTrue(alternativeNames(read("branch-3.pem")).contains("ip:2001:db8:0:0:0:0:0:3"));
    assertEquals(null, read("customers.pem").getSubjectAlternativeNames());
  }

  @Test
  void keysAreReadableByTheirOwnerOnly() throws Exception {
    CertsFolder.make(dir, cluster, Instant.now());

    for (String key : List.of("branch-1.key", "branch-2.key", "branch-3.key", "customers.key")) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))),
          key);
    }
    assertTrue(Files.isReadable(dir.resolve("ca.pem")));
    assertFalse(Files.exists(dir.resolve("ca.key")), "the CA's key is not kept");
  }

  @Test
  void aFolderItMakesIsTheOwnersOnly() throws Exception {
    Path made = dir.resolve("new/certs");

    CertsFolder.make(made, cluster, Instant.now());

    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
  }

  @Test
  void refusesToOverwriteAndWritesNothing() throws Exception {
    Path kept = Files.writeString(dir.resolve("branch-2.key"), "an older key");

    CertificateFileException e =
        assertThrows(
            CertificateFileException.class, () -> CertsFolder.make(dir, cluster, Instant.now()));

    assertTrue(e.getMessage().startsWith(kept + " exists"), e.getMessage());
    assertEquals("an older key", Files.readString(kept));
    assertEquals(List.of(kept), Dirs.entries(dir), "nothing else was written");
  }

  @Test
  void otherFilesInTheFolderAreLeftAlone() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");

    List<Path> written = CertsFolder.make(dir, cluster, Instant.now());

    assertEquals(9, written.size());
    assertEquals("mine", Files.readString(notes));
  }

  @Test
  void readsBackWhatItWrote() throws Exception {
    CertsFolder.make(dir, cluster, Instant.now());

    TlsMaterial branches = CertsFolder.forBranches(dir, List.of(2, 3));
    TlsMaterial customers = CertsFolder.forCustomers(dir);

    assertEquals(read("ca.pem"), branches.authority());
    assertEquals(Set.of(2, 3), branches.branches().keySet());
    assertEquals(read("branch-2.pem"), branches.client().certificate(), "the first branch's");
    assertTrue(Names.isBranch(branches.client().certificate()));
    assertEquals(read("customers.pem"), customers.client().certificate());
    assertFalse(Names.isBranch(customers.client().certificate()));
    assertEquals(Map.of(), customers.branches());
  }

  @Test
  void aMissingFileIsNamedWithWhatToDo() throws Exception {
    CertsFolder.make(dir, cluster, Instant.now());
    Files.delete(dir.resolve("branch-3.key"));

    assertError(
        () -> CertsFolder.forBranches(dir, List.of(1, 3)),
        dir.resolve("branch-3.key") + ": no such file; make the certificates with 'bank-sim certs");
    assertError(
        () -> CertsFolder.forCustomers(dir.resolve("elsewhere")),
        dir.resolve("elsewhere/ca.pem") + ": no such file");
  }

  @Test
  void aGarbledFileIsNamed() throws Exception {
    CertsFolder.make(dir, cluster, Instant.now());
    Files.writeString(dir.resolve("customers.pem"), "not a certificate\n");
    String key = Files.readString(dir.resolve("branch-1.key"));
    Files.writeString(dir.resolve("branch-1.key"), key.replace(key.substring(40, 60), "!!!!"));

    assertError(
        () -> CertsFolder.forCustomers(dir),
        dir.resolve("customers.pem") + ": not PEM (no -----BEGIN line)");
    assertError(
        () -> CertsFolder.forBranches(dir, List.of(1)),
        dir.resolve("branch-1.key") + ": garbled PEM");
  }

  @Test
  void aKeyWhereACertificateBelongsIsNamed() throws Exception {
    CertsFolder.make(dir, cluster, Instant.now());
    Files.copy(dir.resolve("customers.key"), dir.resolve("customers.pem"), REPLACE);

    assertError(
        () -> CertsFolder.forCustomers(dir), dir.resolve("customers.pem") + ": no CERTIFICATE");
  }

  @Test
  void aCertificateOfAnotherCaIsNamed() throws Exception {
    Path other = dir.resolve("other");
    CertsFolder.make(dir, cluster, Instant.now());
    CertsFolder.make(other, cluster, Instant.now());
    for (String file : List.of("branch-2.pem", "branch-2.key")) {
      Files.copy(other.resolve(file), dir.resolve(file), REPLACE);
    }

    assertError(
        () -> CertsFolder.forBranches(dir, List.of(1, 2)),
        dir.resolve("branch-2.pem") + ": not signed by the CA of " + dir.resolve("ca.pem"));
  }

  @Test
  void anotherBranchsCertificateOrKeyIsNamed() throws Exception {
    CertsFolder.make(dir, cluster, Instant.now());
    Files.copy(dir.resolve("branch-2.key"), dir.resolve("branch-1.key"), REPLACE);
    Files.copy(dir.resolve("branch-2.pem"), dir.resolve("branch-3.pem"), REPLACE);

    assertError(
        () -> CertsFolder.forBranches(dir, List.of(1)),
        dir.resolve("branch-1.key") + ": not the key of " + dir.resolve("branch-1.pem"));
    assertError(
        () -> CertsFolder.forBranches(dir, List.of(3)),
        dir.resolve("branch-3.pem") + ": the certificate names CN=branch-2, not CN=branch-3");
  }

  @Test
  void anExpiredCertificateIsNamed() throws Exception {
    CertsFolder.make(dir, cluster, Instant.now().minus(CertificateAuthority.VALIDITY.plusDays(1)));

    assertError(() -> CertsFolder.forCustomers(dir), dir.resolve("ca.pem") + ": expired on ");
  }

  private interface Reading {
    TlsMaterial read() throws CertificateFileException;
  }

  private static void assertError(Reading reading, String start) {
    CertificateFileException e = assertThrows(CertificateFileException.class, reading::read);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  private X509Certificate read(String file) throws Exception {
    try (InputStream in = Files.newInputStream(dir.resolve(file))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** PKIX path validation by the JDK, the CA as the one trust anchor. */
  private static void validate(X509Certificate certificate, X509Certificate ca) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)),
            parameters);
    assertArrayEquals(
        ca.getSubjectX500Principal().getEncoded(),
        certificate.getIssuerX500Principal().getEncoded());
  }

  private static Set<String> alternativeNames(X509Certificate certificate) throws Exception {
    List<String> names = new ArrayList<>();
    for (List<?> name : certificate.getSubjectAlternativeNames()) {
      int type = (Integer) name.get(0);
      names.add((type == 7 ? "ip:" : type == 2 ? "dns:" : type + ":") + name.get(1));
    }
    assertEquals(names.size(), Set.copyOf(names).size(), "no name twice");
    return Set.copyOf(names);
  }
}
