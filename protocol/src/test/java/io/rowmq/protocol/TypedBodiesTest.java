package io.rowmq.protocol;

import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypedBodiesTest {

    private static Map<String, Object> everyType() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bool", false);
        map.put("byte", Byte.MIN_VALUE);
        map.put("short", Short.MAX_VALUE);
        map.put("int", -1);
        map.put("long", Long.MAX_VALUE);
        map.put("float", Float.NaN);
        map.put("double", Double.NEGATIVE_INFINITY);
        map.put("string", "ünïcödé ✓");
        map.put("bytes", new byte[] {0, -1, 127});
        map.put("emptyBytes", new byte[0]);
        map.put("char", '\uFFFF');
        map.put("null", null);
        return map;
    }

    @Test
    void mapBodyRoundTripsEveryTypeInOrder() {
        Map<String, Object> map = everyType();
        Map<String, Object> decoded = TypedBodies.decodeMap(TypedBodies.encodeMap(map));
        assertThat(decoded.keySet()).containsExactlyElementsOf(map.keySet());
        map.forEach((name, value) -> assertThat(decoded.get(name)).as(name).isEqualTo(value));
        assertThat(decoded).containsEntry("null", null);
        decoded.put("modifiable", 1);
    }

    @Test
    void mapBodyHasTheLayoutOfThePropertySection() {
        MessageRecord record = MessageRecord.builder().property("a", 1).property("b", "x").build();
        byte[] encoded = record.encode();
        byte[] mapBody = TypedBodies.encodeMap(new LinkedHashMap<>(record.properties()));
        byte[] propertySection = Arrays.copyOfRange(encoded, encoded.length - 4 - mapBody.length, encoded.length - 4);
        assertThat(propertySection).isEqualTo(mapBody);
    }

    @Test
    void streamBodyRoundTripsEveryTypeInOrder() {
        List<Object> values = Arrays.asList(true, (byte) 1, (short) 2, 3, 4L, 5.5f, 6.25d, "seven", new byte[] {8},
                '9', null, "", new byte[0]);
        List<Object> decoded = TypedBodies.decodeStream(TypedBodies.encodeStream(values));
        assertThat(decoded).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(decoded.get(i)).as("element " + i).isEqualTo(values.get(i));
        }
        assertThat(TypedBodies.decodeStream(TypedBodies.encodeStream(List.of()))).isEmpty();
    }

    @Test
    void rejectsValuesOfUnsupportedTypes() {
        assertThatThrownBy(() -> TypedBodies.encodeStream(List.of(1, new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("element 1");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("list", List.of());
        assertThatThrownBy(() -> TypedBodies.encodeMap(map))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'list'");
        assertThat(TypedBodies.isSupported(null)).isTrue();
        assertThat(TypedBodies.isSupported('c')).isTrue();
        assertThat(TypedBodies.isSupported(new StringBuilder())).isFalse();
    }

    @Test
    void malformedBodiesOnlyEverThrowCorruptedFrameException() {
        byte[] stream = TypedBodies.encodeStream(List.of(1, "two", new byte[] {3}));
        byte[] map = TypedBodies.encodeMap(everyType());
        assertThatThrownBy(() -> TypedBodies.decodeStream(Arrays.copyOf(stream, stream.length + 1)))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> TypedBodies.decodeMap(null)).isInstanceOf(CorruptedFrameException.class);
        byte[] badTag = stream.clone();
        badTag[4] = 42;
        assertThatThrownBy(() -> TypedBodies.decodeStream(badTag))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("stream element 0")
                .hasMessageContaining("unknown tag 42");
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] source = i % 2 == 0 ? stream : map;
            byte[] input = Arrays.copyOf(source, random.nextInt(source.length));
            if (i % 3 == 0) {
                input = source.clone();
                input[random.nextInt(input.length)] = (byte) random.nextInt();
            }
            byte[] candidate = input;
            try {
                if (source == stream) {
                    TypedBodies.decodeStream(candidate);
                } else {
                    TypedBodies.decodeMap(candidate);
                }
            } catch (CorruptedFrameException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
