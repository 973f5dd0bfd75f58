package chat.server;

import chat.core.Fingerprint;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TLS for tests: client contexts that trust anything (and note what they were shown) or one
 * authority, and certificates made on the spot, a CA and a server certificate it signed, written
 * as PEM files the way Let's Encrypt's clients write them.
 *
 * <p>Test threads; each instance is used by one test.
 */
final class TlsKit {

    private TlsKit() {
    }

    /** A client context that accepts any server certificate and adds each chain it is shown to {@code shown}. */
    static SSLContext trustingAnything(List<X509Certificate> shown) throws GeneralSecurityException {
        X509TrustManager anything = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("a client context");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                shown.add(chain[0]);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {anything}, null);
        return context;
    }

    static SSLContext trustingAnything() throws GeneralSecurityException {
        return trustingAnything(new CopyOnWriteArrayList<>());
    }

    /** A client context that trusts only {@code authority}, verifying the chain as any client would. */
    static SSLContext trusting(X509Certificate authority) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", authority);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return Fingerprint.sha256(certificate.getEncoded());
    }

    /** A key pair of {@code algorithm} ("RSA" 2048, or "EC" P-256). */
    static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("RSA")) {
            generator.initialize(2048);
        } else {
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        }
        return generator.generateKeyPair();
    }

    /** A certificate for {@code subject}'s key, signed by {@code issuerKey} as {@code issuer}. */
    static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                       boolean authority) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(90))), new X500Name("CN=" + subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        String signature = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signature).build(issuerKeys.getPrivate())));
    }

    /**
     * {@code keys}' private key in SEC1's {@code EC PRIVATE KEY} form, with its curve and public
     * key inside, as {@code openssl ecparam -genkey} writes it.
     */
    static org.bouncycastle.util.io.pem.PemObject sec1(KeyPair keys) throws IOException {
        java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) keys.getPrivate();
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded());
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo publicKey =
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
                publicKey.getPublicKeyData(), info.getPrivateKeyAlgorithm().getParameters());
        return new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded());
    }

    /** {@code items} (certificates, keys) in PEM, one after another, written to {@code file}. */
    static Path writePem(Path file, Object... items) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object item : items) {
                writer.writeObject(item);
            }
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        return file;
    }
}
