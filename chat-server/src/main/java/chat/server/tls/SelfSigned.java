package chat.server.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate the server signs itself, for a TLS port given no certificate: an EC P-256 key
 * (a quarter of RSA-2048's handshake CPU), valid for ten years (nothing checks its dates: clients
 * pin its fingerprint on first use, as ssh does), naming localhost, the loopback addresses and
 * the listening host. Bouncy Castle builds it; the JDK has no public API for this.
 *
 * <p>Main thread at start. Immutable.
 *
 * @param key         its private key
 * @param certificate the certificate
 */
record SelfSigned(PrivateKey key, X509Certificate certificate) {

    /** Where the self-signed certificate and its key are kept in {@code --data-dir}. */
    static final String CERT_FILE = "tls/self-signed-cert.pem";
    static final String KEY_FILE = "tls/self-signed-key.pem";
    static final Duration VALIDITY = Duration.ofDays(3650);

    /** A new key and certificate for a server listening on {@code host}. */
    static SelfSigned make(String host) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=chat-server self-signed");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names(host)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SelfSigned(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IOException("cannot make a self-signed certificate: " + e.getMessage());
        }
    }

    /** localhost, 127.0.0.1, ::1, and {@code host} unless it is a wildcard; an IP literal as an address. */
    private static GeneralName[] names(String host) {
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")));
        String h = host.strip();
        boolean literal = h.indexOf(':') >= 0 || h.matches("[0-9.]+");
        if (!h.isEmpty() && !h.equals("localhost") && !h.equals("127.0.0.1") && !h.equals("::1")) {
            if (!literal) {
                names.add(new GeneralName(GeneralName.dNSName, h));
            } else if (!isWildcard(h)) {
                names.add(new GeneralName(GeneralName.iPAddress, h));
            }
        }
        return names.toArray(new GeneralName[0]);
    }

    private static boolean isWildcard(String literal) {
        try {
            return InetAddress.getByName(literal).isAnyLocalAddress(); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return true; // not an address after all: leave it out
        }
    }

    /** Keeps the key (owner-only) and the certificate in PEM files. */
    void save(Path certFile, Path keyFile) throws IOException {
        PemFiles.write(certFile, certificate, keyFile, key);
    }
}
