package banksim.certs;

import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Who a certificate names, and the files it is kept in. A branch's certificate names it {@code
 * CN=branch-N}; the customers' {@code CN=customers}. Only the CA issues certificates, so the common
 * name is the role: whoever holds a {@code branch-N} key may move money between replicas.
 */
public final class Names {
  public static final String ORGANIZATION = "bank-sim";
  public static final String CUSTOMERS = "customers";
  public static final String CA_CERTIFICATE = "ca.pem";

  private static final Pattern BRANCH = Pattern.compile("branch-[1-9][0-9]*");
  private static final Pattern COMMON_NAME = Pattern.compile("(?:^|,)CN=([^,]*)");

  private Names() {}

  /** "branch-3": the common name and the file stem of branch 3's credential. */
  public static String branch(int id) {
    return "branch-" + id;
  }

  public static String certificateFile(String name) {
    return name + ".pem";
  }

  public static String keyFile(String name) {
    return name + ".key";
  }

  /** The subject's common name, or "" where it has none. */
  public static String commonName(X509Certificate certificate) {
    var m =
        COMMON_NAME.matcher(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
    return m.find() ? m.group(1) : "";
  }

  /** Whether the certificate is a branch's: {@code CN=branch-N}. */
  public static boolean isBranch(X509Certificate certificate) {
    return BRANCH.matcher(commonName(certificate)).matches();
  }
}
