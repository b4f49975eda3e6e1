package dev.chillproxy.store.torznab;

import dev.chillproxy.core.torrent.TorrentFile;
import dev.chillproxy.core.torrent.InfoHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code .torrent} file tells us: the info hash (SHA-1 of the bencoded {@code info} dictionary), the name,
 * the files (path including the torrent's name as root folder for multi-file torrents) and the private flag.
 */
record TorrentMetainfo(String infoHash, String name, List<TorrentFile> files, boolean privateTorrent) {

    public TorrentMetainfo {
        Objects.requireNonNull(infoHash, "infoHash");
        name = name == null ? "" : name;
        files = List.copyOf(files);
    }

    /** Parses a v1 torrent; an {@link IllegalArgumentException} names what is wrong. */
    public static TorrentMetainfo parse(byte[] torrent) {
        BencodeReader reader = new BencodeReader(torrent);
        Object root = reader.readDocument();
        if (!(root instanceof Map<?, ?> dict) || !(dict.get("info") instanceof Map<?, ?> info)) {
            throw new IllegalArgumentException("torrent: no info dictionary");
        }
        String hash = InfoHash.ofDigest(sha1(torrent, reader.infoStart(), reader.infoEnd())).hex();
        String name = text(info, "name");
        List<TorrentFile> files = new ArrayList<>();
        if (info.get("files") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> file) {
                    files.add(new TorrentFile(files.size(), name + "/" + path(file), length(file)));
                }
            }
        } else {
            files.add(new TorrentFile(0, name, length(info)));
        }
        boolean isPrivate = info.get("private") instanceof Long flag && flag == 1;
        return new TorrentMetainfo(hash, name, files, isPrivate);
    }

    private static String path(Map<?, ?> file) {
        Object parts = file.containsKey("path.utf-8") ? file.get("path.utf-8") : file.get("path");
        if (!(parts instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("torrent: file without path");
        }
        List<String> segments = new ArrayList<>();
        for (Object part : list) {
            segments.add(part instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(part));
        }
        return String.join("/", segments);
    }

    private static long length(Map<?, ?> dict) {
        return dict.get("length") instanceof Long length && length >= 0 ? length : 0;
    }

    private static String text(Map<?, ?> dict, String key) {
        Object value = dict.containsKey(key + ".utf-8") ? dict.get(key + ".utf-8") : dict.get(key);
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : "";
    }

    private static byte[] sha1(byte[] data, int from, int to) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(data, from, to - from);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the JDK", e);
        }
    }
}
