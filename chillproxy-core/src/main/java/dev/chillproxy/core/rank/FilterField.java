package dev.chillproxy.core.rank;

import java.util.Objects;
import java.util.function.Function;

/**
 * A name a filter may read, with the type of its value and how to read it from a stream.
 *
 * @param name     the name as written in expressions, e.g. {@code File.Name}
 * @param type     the value's type
 * @param reader   reads the value: a {@code String}, a {@code Number}, a {@code Boolean} or a {@code List}
 * @param rank     how comparisons on this field compare, or null to compare values as they are
 */
record FilterField(String name, ValueType type, Function<FilterSubject, Object> reader, RankedField rank) {

    FilterField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reader, "reader");
    }
}
