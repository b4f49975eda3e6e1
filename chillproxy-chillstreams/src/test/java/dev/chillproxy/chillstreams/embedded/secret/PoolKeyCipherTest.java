package dev.chillproxy.chillstreams.embedded.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.chillproxy.core.secret.ApiKey;

class PoolKeyCipherTest {

    private static final ApiKey KEY = ApiKey.of("tb_live_0123456789abcdef0123456789a1b2");

    @Test
    void roundTripsWithAFreshNoncePerValue() {
        PoolKeyCipher cipher = PoolKeyCipher.of(PoolKeyCipher.generateKey());
        EncryptedValue first = cipher.encrypt(KEY, "row-1");
        EncryptedValue second = cipher.encrypt(KEY, "row-1");

        assertEquals(KEY.reveal(), cipher.decrypt(first, "row-1").reveal());
        assertNotEquals(first.nonce(), second.nonce());
        assertNotEquals(first.ciphertext(), second.ciphertext());
        assertFalse(first.ciphertext().contains("0123456789abcdef"));
        assertEquals(cipher.keyId(), first.keyId());
    }

    @Test
    void detectsTamperingAnotherRowAndAnotherKey() {
        PoolKeyCipher cipher = PoolKeyCipher.of(PoolKeyCipher.generateKey());
        EncryptedValue sealed = cipher.encrypt(KEY, "row-1");
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[3] ^= 1;
        EncryptedValue tampered = new EncryptedValue(Base64.getEncoder().encodeToString(bytes), sealed.nonce(), sealed.keyId());

        var altered = assertThrows(IllegalStateException.class, () -> cipher.decrypt(tampered, "row-1"));
        assertFalse(altered.getMessage().contains(KEY.reveal()));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "row-2"));
        PoolKeyCipher other = PoolKeyCipher.of(PoolKeyCipher.generateKey());
        var wrongKey = assertThrows(IllegalStateException.class, () -> other.decrypt(sealed, "row-1"));
        assertTrue(wrongKey.getMessage().contains(sealed.keyId()));
    }

    @Test
    void acceptsHexAndUrlSafeBase64AndRefusesWrongLengthsNamingOnlyTheVariable() {
        String hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        assertEquals(PoolKeyCipher.of(hex).keyId(), PoolKeyCipher.of(hex.toUpperCase()).keyId());
        byte[] raw = new byte[32];
        raw[0] = (byte) 0xfb;
        raw[1] = (byte) 0xff;
        assertEquals(PoolKeyCipher.of(Base64.getEncoder().encodeToString(raw)).keyId(),
                PoolKeyCipher.of(Base64.getUrlEncoder().encodeToString(raw)).keyId());

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        var error = assertThrows(IllegalArgumentException.class, () -> PoolKeyCipher.of(shortKey));
        assertTrue(error.getMessage().contains("POOL_ENCRYPTION_KEY"));
        assertFalse(error.getMessage().contains(shortKey));
        var garbage = assertThrows(IllegalArgumentException.class, () -> PoolKeyCipher.of("not a key at all!"));
        assertFalse(garbage.getMessage().contains("not a key"));
    }
}
