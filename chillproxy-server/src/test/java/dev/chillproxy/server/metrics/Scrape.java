package dev.chillproxy.server.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Reads sample values out of a Prometheus text scrape, as a dashboard query would. */
record Scrape(String text) {

    private static final Pattern LABEL_VALUE = Pattern.compile("=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Scrape of(PrometheusMeterRegistry registry) {
        return new Scrape(registry.scrape());
    }

    /** Lines of {@code metric} (exact sample name) that carry every {@code label="value"} pair given. */
    List<String> lines(String metric, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(pair -> line.contains(pair.replace("=", "=\"") + "\"")))
                .collect(Collectors.toList());
    }

    /** The value of the single matching sample; 0 when none matches (an unused counter), error on ambiguity. */
    double value(String metric, String... labels) {
        List<String> found = lines(metric, labels);
        if (found.size() > 1) {
            throw new AssertionError("ambiguous " + metric + " " + Arrays.toString(labels) + ": " + found);
        }
        return found.isEmpty() ? 0 : Double.parseDouble(found.get(0).substring(found.get(0).lastIndexOf(' ') + 1));
    }

    /** Every label value in the scrape. */
    Set<String> labelValues() {
        Matcher matcher = LABEL_VALUE.matcher(text);
        Set<String> values = new TreeSet<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }
}
