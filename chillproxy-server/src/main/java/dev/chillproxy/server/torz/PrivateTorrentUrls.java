package dev.chillproxy.server.torz;

import java.util.Optional;

/** Port: the {@code .torrent} link of a private torrent, for whoever ({@link SearchScope#finder()}) may use it. */
@FunctionalInterface
interface PrivateTorrentUrls {

    Optional<String> find(String finder, String hash);
}
