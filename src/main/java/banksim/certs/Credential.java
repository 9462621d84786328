package banksim.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** One identity: a certificate and the private key that belongs to it. */
public record Credential(X509Certificate certificate, PrivateKey key) {}
