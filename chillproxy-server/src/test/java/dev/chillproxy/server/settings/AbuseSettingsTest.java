package dev.chillproxy.server.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.chillproxy.chillstreams.signals.SignalKind;
import dev.chillproxy.chillstreams.signals.SignalThresholds;

/** The abuse signals' settings: documented defaults, sizes with units, signal names checked. */
class AbuseSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Settings.Abuse abuse = Settings.fromEnvironment(Map.of()).abuse();
        assertEquals(new SignalThresholds(Duration.ofHours(24), 12, 8, 3, Duration.ofHours(2), 200_000_000_000L, 60),
                abuse.thresholds());
        assertEquals(Set.of(), abuse.autoDisable());
        assertEquals(Optional.empty(), abuse.webhookUrl());
        assertEquals(10, abuse.maxPlaybacksPerKey());
    }

    @Test
    void everyVariableIsRead() {
        Settings.Abuse abuse = Settings.fromEnvironment(Map.of("ABUSE_WINDOW", "12h", "ABUSE_MAX_DEVICES", "5",
                "ABUSE_MAX_NETWORKS", "4", "ABUSE_MAX_CONCURRENT_PLAYBACKS", "2", "POOL_PLAYBACK_WINDOW", "90m",
                "ABUSE_MAX_BYTES", "1TB", "ABUSE_MAX_REFUSALS_PER_HOUR", "20", "ABUSE_AUTO_DISABLE", " device-churn, NETWORKS ,",
                "ABUSE_WEBHOOK_URL", "https://hooks.example.com/abuse", "POOL_MAX_PLAYBACKS_PER_KEY", "6")).abuse();
        assertEquals(new SignalThresholds(Duration.ofHours(12), 5, 4, 2, Duration.ofMinutes(90), 1_000_000_000_000L, 20),
                abuse.thresholds());
        assertEquals(Set.of(SignalKind.DEVICE_CHURN, SignalKind.NETWORKS), abuse.autoDisable());
        assertEquals(Optional.of(URI.create("https://hooks.example.com/abuse")), abuse.webhookUrl());
        assertEquals(6, abuse.maxPlaybacksPerKey());
    }

    @Test
    void sizesTakeDecimalUnitsOrPlainBytes() {
        assertEquals(500_000_000L, bytes("500MB"));
        assertEquals(200_000_000_000L, bytes("200 gb"));
        assertEquals(1234L, bytes("1234"));
    }

    @Test
    void mistakesAreNamedAllAtOnce() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> Settings.fromEnvironment(Map.of(
                "ABUSE_MAX_BYTES", "lots", "ABUSE_AUTO_DISABLE", "device-churn,bandwidth", "POOL_MAX_PLAYBACKS_PER_KEY", "0",
                "ABUSE_WEBHOOK_URL", "ftp://hooks.example.com")));
        List<String> problems = e.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.contains("ABUSE_MAX_BYTES: expected a positive size like 500MB, 200GB or 1TB, got 'lots'"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ABUSE_AUTO_DISABLE: unknown signal 'bandwidth'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("POOL_MAX_PLAYBACKS_PER_KEY: expected a whole number from 1")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ABUSE_WEBHOOK_URL: expected an absolute http(s) URL")),
                problems.toString());
    }

    @Test
    void theWebhookUrlIsNotPrintedWithTheSettings() {
        String printed = Settings.fromEnvironment(Map.of("ABUSE_WEBHOOK_URL", "https://hooks.example.com/t0ken")).toString();
        assertTrue(printed.contains("abuseWebhook=true") && !printed.contains("t0ken"), printed);
    }

    private static long bytes(String value) {
        return Settings.fromEnvironment(Map.of("ABUSE_MAX_BYTES", value)).abuse().thresholds().maxBytes();
    }
}
