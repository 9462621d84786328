package banksim.certs;

import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * What one JVM needs for mutual TLS, read from a certificates folder.
 *
 * @param authority the CA every peer's certificate must be signed by
 * @param branches the credential each branch served here presents, by branch id
 * @param client the credential this JVM's client channels present: a branch's where the JVM serves
 *     branches, the customers' where it serves none
 */
public record TlsMaterial(
    X509Certificate authority, Map<Integer, Credential> branches, Credential client) {
  public TlsMaterial {
    branches = Map.copyOf(branches);
  }
}
