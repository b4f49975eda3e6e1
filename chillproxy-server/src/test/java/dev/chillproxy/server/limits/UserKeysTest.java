package dev.chillproxy.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.store.StoreName;
import java.util.List;
import java.util.Optional;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import org.junit.jupiter.api.Test;

class UserKeysTest {

    private static final String TOKEN = "tb-secret-api-key-0123456789abcdef";
    private static final String USER = "0F8FAD5B-D9CB-469F-A165-70867728950E";

    private static TorzConfig config(StoreConfig... stores) {
        return new TorzConfig(List.of(stores), List.of(), false, false, "", "");
    }

    @Test
    void aPoolUserIsKeyedByItsUuid() {
        assertEquals(Optional.of(USER.toLowerCase()), UserKeys.of(config(
                StoreConfig.own(StoreName.TORBOX, TOKEN), StoreConfig.pooled(StoreName.TORBOX, USER))), "the pool user wins over a token");
    }

    @Test
    void aLegacyTokenIsKeyedByAFingerprintNeverTheToken() {
        String key = UserKeys.of(config(StoreConfig.own(StoreName.REALDEBRID, TOKEN))).orElseThrow();
        assertTrue(key.matches("t:[0-9a-f]{16}"), key);
        assertFalse(key.contains(TOKEN.substring(0, 8)));
        assertEquals(key, UserKeys.legacyToken(TOKEN), "stable");
        assertNotEquals(key, UserKeys.legacyToken(TOKEN + "x"));
    }

    @Test
    void aP2pOnlyConfigHasNoUser() {
        assertEquals(Optional.empty(), UserKeys.of(TorzConfig.p2p(List.of(), false, false, "", "")));
        assertEquals(Optional.empty(), UserKeys.of(config()));
    }
}
