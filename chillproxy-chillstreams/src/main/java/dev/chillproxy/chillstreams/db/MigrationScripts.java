package dev.chillproxy.chillstreams.db;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The versioned migration scripts ({@code V<version>__<description>.sql}) of some class-path folders, with the
 * version and checksum Flyway records for each, so a start can tell "nothing to migrate" without loading Flyway.
 * A folder holding anything else (a repeatable {@code R__} script, a name Flyway would read differently) is
 * reported as unknown, and the caller leaves it to Flyway. Stateless.
 */
final class MigrationScripts {

    /** Flyway's default naming: prefix V, version digits separated by dots or underscores, "__", suffix .sql. */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]+\\.sql");

    /**
     * A script as Flyway's history records it: the version without leading zeros, the CRC32 of its lines, and its file
     * name ({@code V2__usage_outcome_reason.sql}).
     */
    record Script(String version, int checksum, String file) {

        /** Flyway's description: the name between "__" and ".sql", underscores read as spaces. */
        String description() {
            return file.substring(file.indexOf("__") + 2, file.length() - ".sql".length()).replace('_', ' ');
        }
    }

    private MigrationScripts() {
    }

    /**
     * The scripts of each folder ({@code db/<owner>/<engine>}), listed with one pass over each jar; a folder with a
     * file this class does not read like Flyway is absent from the answer.
     */
    static Map<String, List<Script>> in(ClassLoader loader, List<String> folders) {
        Map<String, List<Script>> found = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        try {
            Set<String> jars = new HashSet<>();
            for (String folder : folders) {
                Enumeration<URL> urls = loader.getResources(folder);
                for (URL url : Collections.list(urls)) {
                    if ("file".equals(url.getProtocol())) {
                        listDirectory(Path.of(url.toURI()), folder, loader, found, unknown);
                    } else if ("jar".equals(url.getProtocol()) && jars.add(jarName(url))) {
                        listJar(url, folders, loader, found, unknown);
                    } else if (!"jar".equals(url.getProtocol())) {
                        unknown.add(folder);
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Map.of(); // Flyway will read them
        }
        unknown.forEach(found::remove);
        return found;
    }

    private static String jarName(URL url) {
        String spec = url.toString();
        int separator = spec.indexOf("!/");
        return separator < 0 ? spec : spec.substring(0, separator);
    }

    private static void listDirectory(Path directory, String folder, ClassLoader loader, Map<String, List<Script>> found,
                                      Set<String> unknown) throws IOException {
        found.computeIfAbsent(folder, f -> new ArrayList<>());
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                add(folder, file.getFileName().toString(), loader, found, unknown);
            }
        }
    }

    private static void listJar(URL url, List<String> folders, ClassLoader loader, Map<String, List<Script>> found,
                                Set<String> unknown) throws IOException {
        JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile(); // the JDK's cached, shared copy
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (!name.startsWith("db/")) {
                continue;
            }
            int slash = name.lastIndexOf('/');
            String folder = name.substring(0, slash);
            if (folders.contains(folder)) {
                found.computeIfAbsent(folder, f -> new ArrayList<>());
                if (slash < name.length() - 1) {
                    add(folder, name.substring(slash + 1), loader, found, unknown);
                }
            }
        }
    }

    private static void add(String folder, String fileName, ClassLoader loader, Map<String, List<Script>> found,
                            Set<String> unknown) throws IOException {
        Matcher matcher = VERSIONED.matcher(fileName);
        Optional<Integer> checksum = matcher.matches() ? checksum(loader, folder + "/" + fileName) : Optional.empty();
        if (checksum.isEmpty()) {
            unknown.add(folder);
            return;
        }
        found.get(folder).add(new Script(version(matcher.group(1)), checksum.get(), fileName));
    }

    /** "1_02" and "1.2" are the same version to Flyway; its history writes "1.2". */
    static String version(String raw) {
        List<String> parts = new ArrayList<>();
        for (String part : raw.split("[._]")) {
            parts.add(new BigInteger(part).toString());
        }
        return String.join(".", parts);
    }

    /** Flyway's checksum: CRC32 over the UTF-8 bytes of every line without its line break ({@link #text}). */
    static Optional<Integer> checksum(ClassLoader loader, String resource) throws IOException {
        Optional<String> text = text(loader, resource);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        text.get().lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
        return Optional.of((int) crc.getValue());
    }

    /** A script's text as Flyway reads it: UTF-8, a leading BOM removed; empty when there is no such resource. */
    static Optional<String> text(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        }
    }
}
