package dev.chillproxy.store.realdebrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.core.torrent.InfoHash;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreFile;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.store.internal.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps Real-Debrid torrent objects ({@code /torrents/info}, {@code /torrents} items) with the reference's table. */
final class RealDebridTorrents {

    /** The state in which RD waits for {@code selectFiles}; nothing downloads until then. */
    static final String WAITING_SELECTION = "waiting_files_selection";

    private static final Set<String> QUEUED = Set.of("magnet_conversion", WAITING_SELECTION, "queued");
    private static final Set<String> FAILED = Set.of("magnet_error", "error", "virus", "dead");
    private static final Pattern VIDEO = Pattern.compile(
            "(?i).*\\.(mkv|mp4|avi|mov|m4v|wmv|webm|ts|m2ts|mpg|mpeg|flv|vob|iso)$");

    private RealDebridTorrents() {
    }

    static String state(JsonNode torrent) {
        return JsonFields.text(torrent, "status").toLowerCase(Locale.ROOT);
    }

    static String hash(JsonNode torrent) {
        return InfoHash.tryParse(JsonFields.text(torrent, "hash")).map(InfoHash::hex).orElse("");
    }

    /** {@code dead} with links still plays (torrentio counts it ready), so only a dead torrent without links fails. */
    static MagnetStatus status(JsonNode torrent) {
        String state = state(torrent);
        if (state.equals("dead") && torrent.path("links").size() > 0) {
            return MagnetStatus.DOWNLOADED;
        }
        return status(state);
    }

    /** {@code magnet_conversion} is still resolving metadata, so queued, not invalid. */
    static MagnetStatus status(String state) {
        if (QUEUED.contains(state)) {
            return MagnetStatus.QUEUED;
        }
        if (FAILED.contains(state)) {
            return MagnetStatus.FAILED;
        }
        return switch (state) {
            case "downloading" -> MagnetStatus.DOWNLOADING;
            case "downloaded" -> MagnetStatus.DOWNLOADED;
            case "compressing" -> MagnetStatus.PROCESSING;
            case "uploading" -> MagnetStatus.UPLOADING;
            default -> MagnetStatus.UNKNOWN;
        };
    }

    /** The torrent with its files; {@code links[i]} belongs to the i-th selected file (fewer links: an archive). */
    static StoreMagnet toMagnet(JsonNode torrent) {
        List<StoreFile> files = new ArrayList<>();
        JsonNode links = torrent.path("links");
        int selected = 0;
        for (JsonNode file : torrent.path("files")) {
            String handle = null;
            if (JsonFields.number(file, "selected", 0) == 1) {
                handle = selected < links.size() ? links.get(selected).asText() : null;
                selected++;
            }
            files.add(StoreFile.of((int) JsonFields.number(file, "id", 0) - 1, JsonFields.text(file, "path"),
                    JsonFields.number(file, "bytes", -1), handle));
        }
        long size = JsonFields.number(torrent, "original_bytes", JsonFields.number(torrent, "bytes", -1));
        return new StoreMagnet(JsonFields.text(torrent, "id"), hash(torrent), JsonFields.text(torrent, "filename"),
                size, status(torrent), files, JsonFields.instant(torrent, "added"));
    }

    /**
     * The {@code files} form value: the video files only, so each gets its own link (selecting the rest can make RD
     * pack everything into one archive link); every file when the torrent has no video.
     */
    static String videoSelection(JsonNode info) {
        List<String> ids = new ArrayList<>();
        for (JsonNode file : info.path("files")) {
            if (VIDEO.matcher(JsonFields.text(file, "path")).matches()) {
                ids.add(JsonFields.text(file, "id"));
            }
        }
        return ids.isEmpty() ? "all" : String.join(",", ids);
    }
}
