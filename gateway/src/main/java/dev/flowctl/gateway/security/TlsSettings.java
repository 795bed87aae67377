package dev.flowctl.gateway.security;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The gateway's TLS: a PEM certificate chain and its PEM PKCS#8 private key, and optionally the PEM
 * certificates of the CAs whose client certificates it accepts — given, every caller must present one
 * (mTLS). Built as grpc's transport-neutral {@link TlsServerCredentials}, so no Netty type leaks out.
 *
 * @param certificateChain server certificate first, then intermediates (PEM)
 * @param privateKey       the server certificate's key, PEM PKCS#8 ({@code BEGIN PRIVATE KEY})
 * @param clientCa         CA certificates for client certificates (PEM), or null for no mTLS
 */
public record TlsSettings(Path certificateChain, Path privateKey, Path clientCa) {

    /** Server TLS without client certificates. */
    public static TlsSettings of(Path certificateChain, Path privateKey) {
        return new TlsSettings(certificateChain, privateKey, null);
    }

    public boolean mutual() {
        return clientCa != null;
    }

    /** Reads the files into credentials; a missing or unreadable file is named in one sentence. */
    public ServerCredentials credentials() {
        TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder();
        try {
            builder.keyManager(readable(certificateChain, "--tls-cert").toFile(), readable(privateKey, "--tls-key").toFile());
            if (clientCa != null) {
                builder.trustManager(readable(clientCa, "--tls-client-ca").toFile());
                builder.clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
        } catch (IOException e) {
            throw new GatewaySecurityException("The TLS files " + certificateChain + " and " + privateKey
                    + " could not be read (" + e.getClass().getSimpleName() + "): check they exist and are readable by this user.", e);
        }
        return builder.build();
    }

    private static Path readable(Path file, String flag) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new GatewaySecurityException("The " + flag + " file " + file
                    + " does not exist or cannot be read: give the path of a PEM file readable by this user.");
        }
        return file;
    }
}
