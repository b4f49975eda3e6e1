package dev.chillproxy.chillstreams.db;

/** The two database engines Chillproxy runs on; migrations live in {@code db/<owner>/<folder>}. */
public enum Engine {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Engine(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
