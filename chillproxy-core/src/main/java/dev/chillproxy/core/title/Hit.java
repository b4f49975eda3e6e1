package dev.chillproxy.core.title;

/** One recognised token: where it started and ended in the release name and the label it stands for. */
record Hit(int start, int end, String value) {
}
