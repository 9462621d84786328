package banksim.cluster;

import banksim.certs.Credential;
import banksim.certs.TlsMaterial;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;

/**
 * Mutual TLS for Netty: a branch's server presents the branch's certificate and requires a client
 * certificate from the bank's CA; a client channel presents the JVM's one client credential and
 * trusts only that CA, checking that the server's certificate names the address it dialled.
 */
final class TlsContexts {
  private TlsContexts() {}

  static SslContext server(TlsMaterial tls, int branchId) throws RunFailedException {
    try {
      return GrpcSslContexts.configure(
              SslContextBuilder.forServer(keyManagers(tls.branches().get(branchId))))
          .trustManager(tls.authority())
          .clientAuth(ClientAuth.REQUIRE)
          .build();
    } catch (GeneralSecurityException | IOException e) {
      throw new RunFailedException(
          "branch " + branchId + " cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** The client side for this JVM's channels; null where the bank talks plaintext. */
  static SslContext client(ClusterConfig config) throws RunFailedException {
    if (config.tls().isEmpty()) {
      return null;
    }
    TlsMaterial tls = config.tls().get();
    try {
      return GrpcSslContexts.forClient()
          .keyManager(keyManagers(tls.client()))
          .trustManager(tls.authority())
          .build();
    } catch (GeneralSecurityException | IOException e) {
      throw new RunFailedException("cannot set up TLS for the channels: " + e.getMessage(), e);
    }
  }

  /**
   * The credential in a key store that lives only in memory. JKS, not the default PKCS12: PKCS12
   * encrypts every key it holds with 10,000 rounds of PBKDF2, 40 ms a branch for nothing here (the
   * seed example's 22 branches took 1.5 s longer to start).
   */
  private static KeyManagerFactory keyManagers(Credential credential)
      throws GeneralSecurityException, IOException {
    char[] noPassword = new char[0];
    KeyStore store = KeyStore.getInstance("JKS");
    store.load(null, null);
    store.setKeyEntry(
        "key", credential.key(), noPassword, new Certificate[] {credential.certificate()});
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, noPassword);
    return factory;
  }
}
