package banksim.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A folder of PEM files for one bank: {@code ca.pem}, the CA's certificate; {@code branch-N.pem}
 * and {@code branch-N.key} per branch; {@code customers.pem} and {@code customers.key}. The CA's
 * key is not kept: once the folder is made, nobody can issue another certificate of this bank.
 */
public final class CertsFolder {
  private static final String REMAKE =
      "make the certificates with 'bank-sim certs CLUSTER_FILE -o DIR' and copy ca.pem and this"
          + " host's own files into the folder";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
      PosixFilePermissions.fromString("rwx------");

  private CertsFolder() {}

  /**
   * Makes a new CA and every credential, and writes them into {@code dir} (made where missing);
   * keys readable by their owner only. Writes nothing where any of the files exists already.
   *
   * @param branchHosts every branch, with the host it is reached at (an IP address or a name)
   * @return the files written, in order
   */
  public static List<Path> make(Path dir, Map<Integer, String> branchHosts, Instant now)
      throws CertificateFileException {
    Map<Path, String> files = new LinkedHashMap<>();
    List<Path> keys = new ArrayList<>();
    try {
      CertificateAuthority authority = new CertificateAuthority(now);
      files.put(dir.resolve(Names.CA_CERTIFICATE), Pem.of(authority.certificate()));
      for (Map.Entry<Integer, String> branch : branchHosts.entrySet()) {
        add(
            files,
            keys,
            dir,
            Names.branch(branch.getKey()),
            authority.branch(branch.getKey(), List.of(branch.getValue())));
      }
      add(files, keys, dir, Names.CUSTOMERS, authority.customers());
    } catch (GeneralSecurityException | IOException e) {
      throw new CertificateFileException("cannot make the certificates: " + e.getMessage(), e);
    }
    for (Path file : files.keySet()) {
      if (Files.exists(file)) {
        throw new CertificateFileException(
            file
                + " exists: certs never overwrites certificates; choose a new folder, or remove"
                + " the old files first",
            null);
      }
    }
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, permissions(dir, OWNER_ONLY_FOLDER));
      }
      for (Map.Entry<Path, String> file : files.entrySet()) {
        write(file.getKey(), file.getValue(), keys.contains(file.getKey()));
      }
    } catch (FileAlreadyExistsException e) {
      throw new CertificateFileException(
          e.getFile() + " appeared while certs wrote the folder; choose a new folder", e);
    } catch (IOException e) {
      throw new CertificateFileException(
          "cannot write into " + dir + ": " + e + "; choose a folder this user can write", e);
    }
    return List.copyOf(files.keySet());
  }

  private static void add(
      Map<Path, String> files, List<Path> keys, Path dir, String name, Credential credential)
      throws IOException {
    files.put(dir.resolve(Names.certificateFile(name)), Pem.of(credential.certificate()));
    Path key = dir.resolve(Names.keyFile(name));
    files.put(key, Pem.of(credential.key()));
    keys.add(key);
  }

  /** Creates the file (never replacing one); a key is made owner-only before any byte is in it. */
  private static void write(Path file, String text, boolean secret) throws IOException {
    if (secret) {
      Files.createFile(file, permissions(file, OWNER_ONLY));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
  }

  private static FileAttribute<?>[] permissions(Path file, Set<PosixFilePermission> permissions) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  /**
   * What a JVM serving the given branches needs: each one's credential, and the first one's for its
   * client channels (a JVM that hosts branches propagates as a branch).
   */
  public static TlsMaterial forBranches(Path dir, Collection<Integer> ids)
      throws CertificateFileException {
    X509Certificate authority = authority(dir);
    Map<Integer, Credential> branches = new LinkedHashMap<>();
    for (int id : ids) {
      branches.put(id, credential(dir, Names.branch(id), authority));
    }
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("no branches to serve");
    }
    return new TlsMaterial(authority, branches, branches.values().iterator().next());
  }

  /** What a JVM that runs only customers needs: the customers' credential for its channels. */
  public static TlsMaterial forCustomers(Path dir) throws CertificateFileException {
    X509Certificate authority = authority(dir);
    return new TlsMaterial(authority, Map.of(), credential(dir, Names.CUSTOMERS, authority));
  }

  private static X509Certificate authority(Path dir) throws CertificateFileException {
    Path file = dir.resolve(Names.CA_CERTIFICATE);
    X509Certificate authority = Pem.certificate(file, REMAKE);
    checkDates(file, authority);
    return authority;
  }

  /** NAME.pem and NAME.key: signed by the CA, naming NAME, current, and the key its own. */
  private static Credential credential(Path dir, String name, X509Certificate authority)
      throws CertificateFileException {
    Path certificateFile = dir.resolve(Names.certificateFile(name));
    Path keyFile = dir.resolve(Names.keyFile(name));
    X509Certificate certificate = Pem.certificate(certificateFile, REMAKE);
    PrivateKey key = Pem.privateKey(keyFile, REMAKE);
    try {
      certificate.verify(authority.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new CertificateFileException(
          certificateFile
              + ": not signed by the CA of "
              + dir.resolve(Names.CA_CERTIFICATE)
              + " (the files come from different runs of 'bank-sim certs'); copy ca.pem and this"
              + " host's files from one run",
          e);
    }
    if (!Names.commonName(certificate).equals(name)) {
      throw new CertificateFileException(
          certificateFile
              + ": the certificate names CN="
              + Names.commonName(certificate)
              + ", not CN="
              + name
              + "; put "
              + name
              + "'s own certificate there",
          null);
    }
    checkDates(certificateFile, certificate);
    if (!belongTogether(key, certificate)) {
      throw new CertificateFileException(
          keyFile
              + ": not the key of "
              + certificateFile
              + "; copy both files from the same run of 'bank-sim certs'",
          null);
    }
    return new Credential(certificate, key);
  }

  private static void checkDates(Path file, X509Certificate certificate)
      throws CertificateFileException {
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException e) {
      throw new CertificateFileException(
          file + ": expired on " + certificate.getNotAfter().toInstant() + "; " + REMAKE, e);
    } catch (CertificateNotYetValidException e) {
      throw new CertificateFileException(
          file
              + ": valid only from "
              + certificate.getNotBefore().toInstant()
              + "; check this host's clock",
          e);
    }
  }

  /** Whether the key signs what the certificate's public key verifies. */
  private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    byte[] probe = "bank-sim".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
