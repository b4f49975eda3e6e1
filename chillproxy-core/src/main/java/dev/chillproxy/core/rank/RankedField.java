package dev.chillproxy.core.rank;

import java.util.OptionalLong;

import dev.chillproxy.core.format.SizeFormat;

/**
 * How comparisons on a ranked field turn both sides into numbers: resolution and quality text
 * through {@link Ranks}, sizes through {@link SizeFormat}. Numbers are taken as ranks (or bytes) as
 * they are. A value that cannot be ranked is an {@link EvaluationError}.
 */
enum RankedField {
    RESOLUTION, QUALITY, SIZE;

    /** The rank of a value written in an expression or read from another field. */
    long ofValue(Object value) {
        if (value instanceof Number number) {
            return (long) number.doubleValue();
        }
        if (!(value instanceof String text)) {
            throw new EvaluationError("cannot rank " + value);
        }
        if (this == RESOLUTION) {
            return Ranks.resolution(text);
        }
        if (this == QUALITY) {
            return Ranks.quality(text);
        }
        OptionalLong bytes = SizeFormat.parse(text);
        if (bytes.isEmpty()) {
            throw new EvaluationError("not a size");
        }
        return bytes.getAsLong();
    }

    /**
     * The rank of the field's own value. Sizes are compared as the description shows them (rounded to
     * its precision), so {@code Size == "2.5 GB"} matches a stream whose description says "📦 2.5 GB".
     */
    long ofField(Object value) {
        if (this == SIZE && value instanceof Number bytes) {
            return SizeFormat.parse(SizeFormat.of(bytes.longValue())).orElse(0);
        }
        return ofValue(value);
    }
}
