package dev.chillproxy.core.title;

/** One recognised token: where it started in the release name and the label it stands for. */
record Hit(int start, String value) {
}
