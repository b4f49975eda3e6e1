package dev.chillproxy.chillstreams.embedded.secret;

import java.util.Objects;

/**
 * A value sealed by {@link PoolKeyCipher}: base64 ciphertext (with the GCM tag), base64 nonce, and the id of
 * the encryption key that sealed it, so a later key rotation knows which key opens which row.
 */
public record EncryptedValue(String ciphertext, String nonce, String keyId) {

    public EncryptedValue {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(keyId, "keyId");
    }
}
