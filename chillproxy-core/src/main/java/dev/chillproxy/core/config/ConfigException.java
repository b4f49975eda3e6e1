package dev.chillproxy.core.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config that cannot be used: bad encoding, bad JSON or invalid values. The message joins every problem
 * ({@code stores[0].auth: not a UUID; stores: at least one store}) and never contains a secret.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(join(problems));
        this.problems = List.copyOf(problems);
    }

    static ConfigException of(String field, String message) {
        return new ConfigException(List.of(new ConfigProblem(field, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String join(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a config exception needs at least one problem");
        }
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
    }
}
