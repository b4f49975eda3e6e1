package dev.chillproxy.server.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The README's configuration table names exactly the variables the server reads: none missing, none made up. */
class ConfigurationTableTest {

    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    @Test
    void theReadmeTableListsEveryVariableTheServerReads() throws IOException {
        Path readme = Path.of("..", "README.md");
        Set<String> documented = new TreeSet<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("| variable |")) {
                inTable = true;
            } else if (inTable && !line.startsWith("|")) {
                break;
            } else if (inTable) {
                // the first column names the variable(s); later columns may mention others in passing
                Matcher names = NAME.matcher(line.split("\\|")[1]);
                while (names.find()) {
                    documented.add(names.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(SettingsReader.KNOWN), documented);
    }
}
