package dev.chillproxy.store.torbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.StoreFile;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.core.torrent.InfoHash;
import dev.chillproxy.store.internal.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps TorBox torrent objects to {@link StoreMagnet}, with the {@code download_state} table of the reference. */
final class TorBoxTorrents {

    private static final Logger LOG = LoggerFactory.getLogger(TorBoxTorrents.class);

    private static final Set<String> FAILED = Set.of("error", "missingfiles", "reported missing", "failed", "expired");
    private static final Set<String> STALLED = Set.of("stalled", "stalled (no seeds)", "stalleddl");
    private static final Set<String> PAUSED = Set.of("paused", "pauseddl");
    private static final Set<String> QUEUED = Set.of("metadl", "queued", "queueddl", "checking", "checkingdl",
            "checkingresumedata", "allocating");
    private static final Set<String> DOWNLOADING = Set.of("downloading", "forceddl");
    private static final Set<String> PROCESSING = Set.of("completed", "cached", "uploading", "uploading (no peers)",
            "seeding", "stalledup", "pausedup", "queuedup", "checkingup", "forcedup", "stopped seeding", "stopped",
            "processing");

    private TorBoxTorrents() {
    }

    static StoreMagnet toMagnet(JsonNode torrent) {
        String id = JsonFields.text(torrent, "id");
        List<StoreFile> files = new ArrayList<>();
        for (JsonNode file : torrent.path("files")) {
            long fileId = JsonFields.number(file, "id", -1);
            String path = JsonFields.text(file, "name");
            String name = JsonFields.text(file, "short_name");
            String handle = fileId < 0 ? null : id + ":" + fileId;
            files.add(new StoreFile((int) Math.max(fileId, -1), path, name, JsonFields.number(file, "size", -1), handle));
        }
        return new StoreMagnet(id, InfoHash.tryParse(JsonFields.text(torrent, "hash")).map(InfoHash::hex).orElse(""),
                JsonFields.text(torrent, "name"), JsonFields.number(torrent, "size", -1), status(torrent), files,
                JsonFields.instant(torrent, "created_at"));
    }

    /**
     * Evaluated top-down: {@code download_present} is the ready signal; error states fail; an inactive torrent
     * that neither finished nor is present failed; then the state families. Paused and stalled torrents are
     * reported as queued and downloading: StremThru's set has no separate values for them.
     */
    static MagnetStatus status(JsonNode torrent) {
        String state = JsonFields.text(torrent, "download_state").trim().toLowerCase(Locale.ROOT);
        boolean present = JsonFields.truthy(torrent, "download_present");
        if (FAILED.contains(state)) {
            return MagnetStatus.FAILED;
        }
        if (present) {
            return MagnetStatus.DOWNLOADED;
        }
        boolean active = !torrent.has("active") || JsonFields.truthy(torrent, "active");
        if (!active && !JsonFields.truthy(torrent, "download_finished")) {
            return MagnetStatus.FAILED;
        }
        if (STALLED.contains(state) || DOWNLOADING.contains(state)) {
            return MagnetStatus.DOWNLOADING;
        }
        if (PAUSED.contains(state) || QUEUED.contains(state)) {
            return MagnetStatus.QUEUED;
        }
        double progress = JsonFields.decimal(torrent, "progress");
        if (progress > 0 && progress < 1) {
            return MagnetStatus.DOWNLOADING;
        }
        if (PROCESSING.contains(state)) {
            return MagnetStatus.PROCESSING;
        }
        LOG.info("torbox: unknown download_state '{}'", state);
        return MagnetStatus.UNKNOWN;
    }
}
