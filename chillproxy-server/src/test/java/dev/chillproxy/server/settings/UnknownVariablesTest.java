package dev.chillproxy.server.settings;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.chillproxy.server.fakes.ServerFixture;
import org.junit.jupiter.api.Test;

/** A misspelt variable of ours is ignored, so the operator is told instead of silently getting the default. */
class UnknownVariablesTest {

    @Test
    void misspeltStremthruAndBindVariablesAreWarnedAbout() throws Exception {
        String logs = ServerFixture.capturingLogs(() -> Settings.fromEnvironment(
                Map.of("STREMTHRU_BASE_ULR", "https://addon.example.com", "BIND_ADRESS", "127.0.0.1", "HOME", "/root")));
        assertTrue(logs.contains("STREMTHRU_BASE_ULR: unknown variable, ignored (a typo?)"), logs);
        assertTrue(logs.contains("BIND_ADRESS: unknown variable"), logs);
        assertTrue(!logs.contains("HOME"), logs);
    }
}
