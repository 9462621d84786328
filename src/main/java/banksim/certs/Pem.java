package banksim.certs;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Certificates and EC private keys as PEM text: keys as PKCS#8 ({@code PRIVATE KEY}), which Netty,
 * OpenSSL and Python's gRPC all read; an OpenSSL {@code EC PRIVATE KEY} is read too.
 */
final class Pem {
  private Pem() {}

  static String of(X509Certificate certificate) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(certificate);
    }
    return text.toString();
  }

  static String of(PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    return text.toString();
  }

  /** The first certificate of a PEM file. */
  static X509Certificate certificate(Path file, String remedy) throws CertificateFileException {
    Object object = firstObject(file, remedy);
    if (!(object instanceof X509CertificateHolder holder)) {
      throw garbled(file, "no CERTIFICATE", remedy, null);
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException e) {
      throw garbled(file, "the certificate cannot be read (" + e.getMessage() + ")", remedy, e);
    }
  }

  /** The EC private key of a PEM file. */
  static PrivateKey privateKey(Path file, String remedy) throws CertificateFileException {
    Object object = firstObject(file, remedy);
    PrivateKeyInfo info;
    if (object instanceof PrivateKeyInfo pkcs8) {
      info = pkcs8;
    } else if (object instanceof PEMKeyPair pair) {
      info = pair.getPrivateKeyInfo();
    } else {
      throw garbled(file, "no PRIVATE KEY", remedy, null);
    }
    try {
      return KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      throw garbled(file, "not an EC private key", remedy, e);
    }
  }

  private static Object firstObject(Path file, String remedy) throws CertificateFileException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      if (object == null) {
        throw garbled(file, "not PEM (no -----BEGIN line)", remedy, null);
      }
      return object;
    } catch (NoSuchFileException e) {
      throw new CertificateFileException(file + ": no such file; " + remedy, e);
    } catch (AccessDeniedException e) {
      throw new CertificateFileException(
          file + ": permission denied; let this user read it (chmod, or run as its owner)", e);
    } catch (IOException | RuntimeException e) {
      // A malformed block, bad base64 or bad DER: PEMParser throws any of these.
      throw garbled(file, "garbled PEM (" + e.getMessage() + ")", remedy, e);
    }
  }

  private static CertificateFileException garbled(
      Path file, String what, String remedy, Throwable cause) {
    return new CertificateFileException(file + ": " + what + "; " + remedy, cause);
  }
}
