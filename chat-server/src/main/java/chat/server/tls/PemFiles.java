package chat.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Certificates and keys in PEM files, as Let's Encrypt's clients and {@code openssl} write them:
 * a chain ({@code fullchain.pem}: the server's certificate first, then the intermediates) and an
 * unencrypted private key, RSA or EC, in PKCS#8 ({@code BEGIN PRIVATE KEY}) or the older PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}) forms. Bouncy Castle
 * reads the keys; the JDK reads the certificates.
 *
 * <p>Main thread at start. Stateless. Errors are IOExceptions with one line naming the flag and file.
 */
final class PemFiles {

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in order; at least one. */
    static List<X509Certificate> readChain(Path file, String flag) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> chain = new ArrayList<>();
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty()) {
                throw new IOException(flag + " " + file + ": no certificate in it (expected BEGIN CERTIFICATE)");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IOException(flag + " " + file + ": not a PEM certificate chain (" + e.getMessage() + ")");
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new IOException(flag + " " + file + ": cannot be read: " + reason(e));
        }
    }

    /** The private key in {@code file}: the first key-like object in it. */
    static PrivateKey readKey(Path file, String flag) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item; (item = pem.readObject()) != null; ) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info); // PKCS#8
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo()); // PKCS#1 RSA, SEC1 EC
                }
                if (item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof org.bouncycastle.openssl.PEMEncryptedKeyPair) {
                    throw new IOException(flag + " " + file + ": the key is encrypted; give an unencrypted one"
                            + " (openssl pkey -in " + file + " -out key.pem)");
                }
            }
            throw new IOException(flag + " " + file + ": no private key in it (expected BEGIN PRIVATE KEY)");
        } catch (PEMException e) {
            throw new IOException(flag + " " + file + ": not a PEM private key (" + e.getMessage() + ")");
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new IOException(flag + " " + file + ": cannot be read: " + reason(e));
        }
    }

    /**
     * Fails unless {@code key} belongs to {@code certificate}: a key that does not would only show
     * as every client's handshake failing, which says nothing about why.
     */
    static void requireMatch(PrivateKey key, X509Certificate certificate, String certName, String keyName)
            throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return; // a key type we cannot test here; the handshake will tell
        }
        try {
            byte[] probe = "chat-server key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // an RSA key with an EC certificate and the like: they do not match either
        }
        throw new IOException(keyName + " is not the key of the certificate in " + certName);
    }

    /** Writes {@code certificate} and {@code key} (PKCS#8, readable by the owner only), each atomically. */
    static void write(Path certFile, X509Certificate certificate, Path keyFile, PrivateKey key) throws IOException {
        Files.createDirectories(certFile.toAbsolutePath().getParent());
        writeAtomically(keyFile, pem(new JcaPKCS8Generator(key, null)), true);
        writeAtomically(certFile, pem(certificate), false);
    }

    private static String pem(Object item) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(item);
        }
        return text.toString();
    }

    private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
