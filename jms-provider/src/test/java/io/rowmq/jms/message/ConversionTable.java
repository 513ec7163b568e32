package io.rowmq.jms.message;

import jakarta.jms.MessageFormatException;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conversion tables of Jakarta Messaging 3.5.4 and 3.11.3 as test data: one value of each
 * type, and what each typed getter must return for it (absent = MessageFormatException).
 */
final class ConversionTable {

    /** A Java type a value is written or read as. */
    enum Kind { BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, BYTES }

    /** A written value and the value each allowed getter returns. */
    record Source(Kind kind, Object value, Map<Kind, Object> readsAs) {
        @Override
        public String toString() {
            return kind.name();
        }
    }

    static final List<Source> SOURCES = List.of(
            new Source(Kind.BOOLEAN, true, Map.of(Kind.BOOLEAN, true, Kind.STRING, "true")),
            new Source(Kind.BYTE, (byte) 7, Map.of(Kind.BYTE, (byte) 7, Kind.SHORT, (short) 7, Kind.INT, 7,
                    Kind.LONG, 7L, Kind.STRING, "7")),
            new Source(Kind.SHORT, (short) 300, Map.of(Kind.SHORT, (short) 300, Kind.INT, 300, Kind.LONG, 300L,
                    Kind.STRING, "300")),
            new Source(Kind.CHAR, 'x', Map.of(Kind.CHAR, 'x', Kind.STRING, "x")),
            new Source(Kind.INT, 70_000, Map.of(Kind.INT, 70_000, Kind.LONG, 70_000L, Kind.STRING, "70000")),
            new Source(Kind.LONG, 5_000_000_000L, Map.of(Kind.LONG, 5_000_000_000L, Kind.STRING, "5000000000")),
            new Source(Kind.FLOAT, 1.5f, Map.of(Kind.FLOAT, 1.5f, Kind.DOUBLE, 1.5d, Kind.STRING, "1.5")),
            new Source(Kind.DOUBLE, 2.25d, Map.of(Kind.DOUBLE, 2.25d, Kind.STRING, "2.25")),
            new Source(Kind.STRING, "12", Map.of(Kind.BOOLEAN, false, Kind.BYTE, (byte) 12, Kind.SHORT, (short) 12,
                    Kind.INT, 12, Kind.LONG, 12L, Kind.FLOAT, 12f, Kind.DOUBLE, 12d, Kind.STRING, "12")),
            new Source(Kind.BYTES, new byte[] {1, 2}, Map.of(Kind.BYTES, new byte[] {1, 2})));

    /** Reads the value under test as a target type. */
    interface Reader {
        Object read(Kind target) throws Exception;
    }

    private ConversionTable() {
    }

    /** Every (source, target) pair; properties have neither char nor byte[]. */
    static Stream<Arguments> pairs(boolean withCharAndBytes) {
        Set<Kind> excluded = withCharAndBytes ? Set.of() : Set.of(Kind.CHAR, Kind.BYTES);
        List<Arguments> pairs = new ArrayList<>();
        for (Source source : SOURCES) {
            for (Kind target : Kind.values()) {
                if (!excluded.contains(source.kind()) && !excluded.contains(target)) {
                    pairs.add(Arguments.of(source, target));
                }
            }
        }
        return pairs.stream();
    }

    static void check(Source source, Kind target, Reader reader) throws Exception {
        Object expected = source.readsAs().get(target);
        if (expected == null) {
            assertThatThrownBy(() -> reader.read(target)).as(source + " read as " + target)
                    .isInstanceOf(MessageFormatException.class)
                    .hasMessageContaining("cannot be read as");
        } else {
            assertThat(reader.read(target)).as(source + " read as " + target).isEqualTo(expected);
        }
    }
}
