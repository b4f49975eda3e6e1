package dev.chillproxy.server.settings;

import java.util.List;

/**
 * Start-up stops with this when variables are missing or invalid. Each problem starts with the variable's
 * name and never contains a secret's value.
 */
public final class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super("invalid settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
