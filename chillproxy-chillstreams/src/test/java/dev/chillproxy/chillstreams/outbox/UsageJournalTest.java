package dev.chillproxy.chillstreams.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.chillproxy.chillstreams.pool.UsageEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageJournalTest {

    @TempDir
    Path folder;

    static UsageEvent event(int n) {
        return new UsageEvent("evt-" + n, "0b7f9a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b", "key-" + n % 3,
                n % 2 == 0 ? "stream-list" : "stream-served", "hash\"" + n, n % 3 == 0, 1000L * n,
                Instant.parse("2026-03-04T05:06:07.123456789Z").plusSeconds(n), n % 2 == 0 ? "" : "served",
                n % 5 == 0 ? "device-limit é\n" : "");
    }

    private static List<UsageEvent> events(int from, int to) {
        return IntStream.range(from, to).mapToObj(UsageJournalTest::event).toList();
    }

    private static List<UsageEvent> replayAll(UsageJournal journal) {
        List<UsageEvent> read = new ArrayList<>();
        for (Path segment : journal.unstored()) {
            journal.replay(segment, 2, read::addAll);
        }
        return read;
    }

    private List<Path> files(String glob) throws IOException {
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(path -> folder.getFileSystem().getPathMatcher("glob:" + glob).matches(path.getFileName())).toList();
        }
    }

    @Test
    void aSealedSegmentHandsOverItsEventsAndItsFileReadsTheSameUntilStored() throws IOException {
        try (UsageJournal journal = UsageJournal.open(folder)) {
            events(0, 6).forEach(event -> assertTrue(journal.append(event)));
            assertEquals(6, journal.waiting());

            UsageJournal.Segment sealed = journal.seal(false);
            assertEquals(events(0, 6), sealed.events());
            assertEquals(events(0, 6), replayAll(journal), "every field, the instant's nanoseconds included, round-trips");
            assertNull(journal.seal(false), "nothing new to seal");

            journal.stored(sealed.path());
            assertEquals(0, journal.waiting());
            assertFalse(Files.exists(sealed.path()));
        }
        assertEquals(List.of(), files("*"), "a journal closed with everything stored leaves nothing behind");
    }

    @Test
    void aClosedOwnersSegmentsAreAdoptedByTheNextJournalButALiveOwnersAreNot() throws IOException {
        UsageJournal first = UsageJournal.open(folder);
        events(0, 3).forEach(first::append);
        try (UsageJournal second = UsageJournal.open(folder)) {
            assertEquals(List.of(), second.unstored(), "the first journal is alive");
            assertEquals(0, second.waiting());
        }
        first.close(); // with three events unstored, as a process stopped before its move

        try (UsageJournal third = UsageJournal.open(folder)) {
            assertEquals(3, third.waiting());
            assertEquals(events(0, 3), replayAll(third));
            third.unstored().forEach(third::stored);
        }
        assertEquals(List.of(), files("*"));
    }

    @Test
    void aTornLastLineIsSkippedAndTheLinesBeforeItAreKept() throws IOException {
        UsageJournal crashed = UsageJournal.open(folder);
        events(0, 2).forEach(crashed::append);
        crashed.close();
        Path segment = files("*.usage").get(0);
        // a line cut short by a kill: its rest stays zero, and the next line follows
        byte[] bytes = Files.readAllBytes(segment);
        int end = bytes.length;
        while (bytes[end - 1] != '\n') {
            end--;
        }
        byte[] torn = "[\"evt-9\",\"0b7f".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(torn, 0, bytes, end, torn.length);
        byte[] next = JournalLines.encode(event(3));
        System.arraycopy(next, 0, bytes, end + torn.length + 40, next.length);
        Files.write(segment, bytes);

        try (UsageJournal journal = UsageJournal.open(folder)) {
            assertEquals(3, journal.waiting());
            assertEquals(events(0, 4).stream().filter(e -> !e.equals(event(2))).toList(), replayAll(journal));
        }
    }

    @Test
    void aFullSegmentRefusesAndTheNextOneIsSizedForTheTraffic() throws IOException {
        try (UsageJournal journal = UsageJournal.open(folder)) {
            int appended = 0;
            while (journal.append(event(appended))) {
                appended++;
            }
            assertTrue(appended > 100, "a quarter MB holds many lines: " + appended);
            assertEquals(appended, journal.waiting(), "the refused event is the outbox's to commit itself");

            UsageJournal.Segment full = journal.seal(false);
            assertEquals(events(0, appended), full.events());
            for (int n = appended; n < 3 * appended; n++) {
                assertTrue(journal.append(event(n)), "the next segment is four times the size");
            }
        }
    }

    @Test
    void appendRefusesOnceNoNewSegmentCanBeCreated() throws IOException {
        try (UsageJournal journal = UsageJournal.open(folder)) {
            assertTrue(journal.append(event(1)));
            try (Stream<Path> all = Files.list(folder)) {
                for (Path file : all.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);

            assertEquals(List.of(event(1)), journal.seal(false).events(), "what was appended is still handed over");
            assertFalse(journal.append(event(2)), "the outbox then waits for the commit instead");
        }
    }

    /** The promise a request relies on: once {@link UsageOutbox#record} returned, a kill -9 loses nothing. */
    @Test
    void everyEventRecordedBeforeAKillMinus9ReachesTheLogAfterTheNextStart() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                JournalChild.class.getName(), folder.toString(), "500").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(JournalChild.RECORDED)) {
                // the child's other output (log lines) is not asserted on
            }
            assertEquals(JournalChild.RECORDED, line);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        List<UsageEvent> stored = new ArrayList<>();
        try (UsageOutbox next = UsageOutbox.direct(stored::addAll, Clock.systemUTC(), UsageJournal.open(folder))) {
            assertEquals(500, next.depth());
            next.flush();
            assertEquals(events(0, 500), stored);
            assertEquals(0, next.depth());
        }
        assertEquals(List.of(), files("*"));
    }
}
