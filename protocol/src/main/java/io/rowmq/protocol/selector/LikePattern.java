package io.rowmq.protocol.selector;

import java.util.Arrays;

/**
 * A LIKE pattern compiled once: {@code _} stands for exactly one character, {@code %} for any
 * sequence, and the escape character makes the character after it literal. Matching walks the
 * value once per {@code %} at most (the classic greedy wildcard match that only ever backtracks
 * to the last {@code %}), so it takes at most pattern length × value length steps: no regular
 * expression, no exponential backtracking.
 */
final class LikePattern {
    private static final int ONE = -1;
    private static final int ANY = -2;

    /** Code points, or {@link #ONE} / {@link #ANY}. */
    private final int[] elements;

    private LikePattern(int[] elements) {
        this.elements = elements;
    }

    /**
     * Compiles {@code pattern}; {@code escape} is the escape character or -1.
     *
     * @throws IllegalArgumentException when the pattern ends with the escape character
     */
    static LikePattern compile(String pattern, int escape) {
        int[] codePoints = pattern.codePoints().toArray();
        int[] elements = new int[codePoints.length];
        int n = 0;
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (c == escape) {
                if (++i == codePoints.length) {
                    throw new IllegalArgumentException("the LIKE pattern ends with its escape character");
                }
                elements[n++] = codePoints[i];
            } else if (c == '_') {
                elements[n++] = ONE;
            } else if (c == '%') {
                if (n == 0 || elements[n - 1] != ANY) { // %% is %
                    elements[n++] = ANY;
                }
            } else {
                elements[n++] = c;
            }
        }
        return new LikePattern(Arrays.copyOf(elements, n));
    }

    boolean matches(String value) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < value.length()) {
            int c = value.codePointAt(s);
            if (p < elements.length && elements[p] == ANY) {
                starP = p++;
                starS = s;
            } else if (p < elements.length && (elements[p] == ONE || elements[p] == c)) {
                p++;
                s += Character.charCount(c);
            } else if (starP >= 0) {
                p = starP + 1;
                starS += Character.charCount(value.codePointAt(starS));
                s = starS;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p] == ANY) {
            p++;
        }
        return p == elements.length;
    }
}
