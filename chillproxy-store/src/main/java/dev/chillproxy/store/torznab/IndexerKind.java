package dev.chillproxy.store.torznab;

/** The flavour of a Torznab endpoint; they share the protocol and differ in the indexer-name element. */
public enum IndexerKind {
    GENERIC, JACKETT, PROWLARR;

    /** Config value {@code "generic" | "jackett" | "prowlarr"}; anything else is generic. */
    public static IndexerKind fromConfig(String value) {
        if ("jackett".equalsIgnoreCase(value)) {
            return JACKETT;
        }
        return "prowlarr".equalsIgnoreCase(value) ? PROWLARR : GENERIC;
    }
}
