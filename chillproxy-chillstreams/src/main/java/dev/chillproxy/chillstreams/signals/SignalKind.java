package dev.chillproxy.chillstreams.signals;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The abuse signals an operator can watch, alert on and choose automatic disable for ({@code ABUSE_AUTO_DISABLE}). */
public enum SignalKind {
    /** More distinct devices than a household has, over the window. */
    DEVICE_CHURN("device-churn"),
    /** More distinct client networks (/24, /64) than a household moves through, over the window. */
    NETWORKS("networks"),
    /** More devices playing at once than the threshold. */
    CONCURRENT_PLAYBACKS("concurrent-playbacks"),
    /** More bytes of files started than the threshold, over the window. */
    BYTES("bytes"),
    /** More refusals (device limit, disabled) in an hour than someone who gives up would collect. */
    REFUSALS("refusals");

    private final String wire;

    SignalKind(String wire) {
        this.wire = wire;
    }

    /** How the API, metrics, webhook and settings name it. */
    public String wire() {
        return wire;
    }

    public static Optional<SignalKind> fromWire(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.wire.equals(wanted)).findFirst();
    }
}
