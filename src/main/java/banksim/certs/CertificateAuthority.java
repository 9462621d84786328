package banksim.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A certificate authority made for one bank: an EC P-256 key and its self-signed certificate, which
 * issues one certificate per branch and one for the customers, each signed with SHA256withECDSA.
 * Its key lives only in memory: once the certificates are made, nobody can issue another.
 */
final class CertificateAuthority {
  static final Duration VALIDITY = Duration.ofDays(365);

  /**
   * Certificates start an hour back, so that a host whose clock is a little behind accepts them.
   */
  private static final Duration CLOCK_SKEW = Duration.ofHours(1);

  /** Every branch is also reachable on loopback, where the course runs. */
  private static final List<String> LOOPBACK = List.of("127.0.0.1", "::1", "localhost");

  private final SecureRandom random = new SecureRandom();
  private final Instant notBefore;
  private final Instant notAfter;
  private final KeyPair keys;
  private final X509Certificate certificate;

  CertificateAuthority(Instant now) throws GeneralSecurityException {
    this.notBefore = now.minus(CLOCK_SKEW);
    this.notAfter = now.plus(VALIDITY);
    this.keys = newKeyPair();
    // A name of its own per CA, so that certificates of two runs of 'certs' are told apart.
    X500Name name = name("bank-sim CA " + Long.toHexString(random.nextLong() >>> 1));
    try {
      this.certificate =
          sign(
              builder(name, name, keys.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                  .addExtension(
                      Extension.keyUsage,
                      true,
                      new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                  .addExtension(
                      Extension.subjectKeyIdentifier,
                      false,
                      extensions().createSubjectKeyIdentifier(keys.getPublic())));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode an extension: " + e.getMessage(), e);
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  /**
   * Branch {@code id}'s credential, for a server and a client: {@code CN=branch-N}, with every host
   * it is reached at as a subject alternative name (an IP address or a DNS name), loopback too.
   */
  Credential branch(int id, Collection<String> hosts) throws GeneralSecurityException {
    Set<String> names = new LinkedHashSet<>(hosts);
    names.addAll(LOOPBACK);
    List<GeneralName> alternatives = new ArrayList<>();
    for (String host : names) {
      alternatives.add(
          IPAddress.isValid(host)
              ? new GeneralName(GeneralName.iPAddress, host)
              : new GeneralName(GeneralName.dNSName, host));
    }
    return issue(
        Names.branch(id),
        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
        new GeneralNames(alternatives.toArray(GeneralName[]::new)));
  }

  /** The customers' credential: {@code CN=customers}, for clients only. */
  Credential customers() throws GeneralSecurityException {
    return issue(Names.CUSTOMERS, new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, null);
  }

  private Credential issue(String commonName, KeyPurposeId[] purposes, GeneralNames alternatives)
      throws GeneralSecurityException {
    KeyPair pair = newKeyPair();
    try {
      X509v3CertificateBuilder builder =
          builder(
                  X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                  name(commonName),
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions().createSubjectKeyIdentifier(pair.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions().createAuthorityKeyIdentifier(certificate.getPublicKey()));
      if (alternatives != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
      }
      return new Credential(sign(builder), pair.getPrivate());
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode an extension: " + e.getMessage(), e);
    }
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(127, random).add(BigInteger.ONE),
        Date.from(notBefore),
        Date.from(notAfter),
        subject,
        key);
  }

  private X509Certificate sign(X509v3CertificateBuilder builder) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with the CA's key: " + e.getMessage(), e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, Names.ORGANIZATION)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  private static JcaX509ExtensionUtils extensions() throws GeneralSecurityException {
    return new JcaX509ExtensionUtils();
  }

  private KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }
}
