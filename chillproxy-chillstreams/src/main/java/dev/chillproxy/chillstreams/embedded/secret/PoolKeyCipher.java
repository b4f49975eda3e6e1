package dev.chillproxy.chillstreams.embedded.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.chillproxy.core.secret.ApiKey;

/**
 * AES-256-GCM for pool keys at rest: a fresh random 12-byte nonce per value, the row id as associated data
 * (a ciphertext copied onto another row does not open), and a key id stored beside each value.
 * Thread-safe: a new {@link Cipher} per call.
 */
public final class PoolKeyCipher {

    public static final String VARIABLE = "POOL_ENCRYPTION_KEY";
    public static final String FILE_NAME = "pool-encryption.key";

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    private PoolKeyCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = "k" + HexFormat.of().formatHex(sha256(key)).substring(0, 8);
    }

    /** @param encoded 32 bytes as base64 (standard or URL-safe) or 64 hex digits */
    public static PoolKeyCipher of(String encoded) {
        return new PoolKeyCipher(parse(Objects.requireNonNull(encoded, VARIABLE).trim(), VARIABLE));
    }

    public static String generateKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] parse(String value, String source) {
        byte[] bytes;
        if (HEX_64.matcher(value).matches()) {
            bytes = HexFormat.of().parseHex(value);
        } else {
            try {
                bytes = value.contains("-") || value.contains("_")
                        ? Base64.getUrlDecoder().decode(value)
                        : Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " must be 32 bytes as base64 or 64 hex digits");
            }
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(source + " must be 32 bytes (AES-256) as base64 or 64 hex digits, got "
                    + bytes.length + " bytes");
        }
        return bytes;
    }

    public String keyId() {
        return keyId;
    }

    /** Seals {@code plain} for the row {@code rowId}. */
    public EncryptedValue encrypt(ApiKey plain, String rowId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, rowId, plain.reveal().getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getEncoder();
        return new EncryptedValue(b64.encodeToString(sealed), b64.encodeToString(nonce), keyId);
    }

    /** @throws IllegalStateException when the value was sealed under another key, for another row, or altered */
    public ApiKey decrypt(EncryptedValue value, String rowId) {
        if (!keyId.equals(value.keyId())) {
            throw new IllegalStateException("pool key " + rowId + " is encrypted under key id " + value.keyId()
                    + ", but " + VARIABLE + " has key id " + keyId);
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] plain = run(Cipher.DECRYPT_MODE, b64.decode(value.nonce()), rowId, b64.decode(value.ciphertext()));
        return ApiKey.of(new String(plain, StandardCharsets.UTF_8));
    }

    private byte[] run(int mode, byte[] nonce, String rowId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // message only: the cause may carry nothing secret, but keep the surface minimal
            throw new IllegalStateException("pool key " + rowId + " could not be decrypted (altered or wrong key)");
        }
    }

    /** SHA-256 of the key in hex: finds duplicates without decrypting anything. */
    public static String fingerprint(ApiKey plain) {
        return HexFormat.of().formatHex(sha256(plain.reveal().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
