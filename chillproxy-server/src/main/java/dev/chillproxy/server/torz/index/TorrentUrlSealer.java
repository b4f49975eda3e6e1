package dev.chillproxy.server.torz.index;

import java.util.Optional;

import dev.chillproxy.chillstreams.embedded.secret.EncryptedValue;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.core.secret.ApiKey;

/**
 * Seals {@code .torrent} links for the index table with the pool's AES-256-GCM key: they carry indexer api keys
 * ({@code /dl/?jackett_apikey=…}, passkeys), which must not sit in clear at rest. The torrent's hash is the
 * associated data, so a sealed link copied onto another torrent does not open. Thread-safe.
 */
public final class TorrentUrlSealer {

    private static final String PREFIX = "enc1:";
    private static final String CONTEXT = "torz_torrents:";

    private final PoolKeyCipher cipher;

    public TorrentUrlSealer(PoolKeyCipher cipher) {
        this.cipher = cipher;
    }

    /** {@code enc1:<key id>:<nonce>:<ciphertext>}, or "" for no link. */
    public String seal(String torrentUrl, String hash) {
        if (torrentUrl == null || torrentUrl.isBlank()) {
            return "";
        }
        EncryptedValue sealed = cipher.encrypt(ApiKey.of(torrentUrl), CONTEXT + hash);
        return PREFIX + sealed.keyId() + ":" + sealed.nonce() + ":" + sealed.ciphertext();
    }

    /** Empty for no link, a value stored in clear by an older version, another key's value, or an altered one. */
    public Optional<String> open(String stored, String hash) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = stored.substring(PREFIX.length()).split(":", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(cipher.decrypt(new EncryptedValue(parts[2], parts[1], parts[0]), CONTEXT + hash).reveal());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Optional.empty(); // e.g. POOL_ENCRYPTION_KEY changed: the link is lost, the torrent stays listed
        }
    }
}
