package io.rowmq.protocol.selector;

/**
 * A message selector that is not valid: its message says what is wrong and at which character
 * (1 = the first). The JMS layer turns it into {@code InvalidSelectorException}; the broker into
 * the wire error INVALID_SELECTOR.
 */
public final class SelectorSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int position;

    SelectorSyntaxException(String problem, int position, String selector) {
        super(describe(problem, position, selector));
        this.position = position;
    }

    /** The 1-based position of the character where the fault was found; length + 1 means the end. */
    public int getPosition() {
        return position;
    }

    private static String describe(String problem, int position, String selector) {
        String text = selector == null ? "" : selector;
        String shown = text.length() <= 200 ? text : text.substring(0, 200) + "...";
        return "Invalid message selector: " + problem + " at character " + position + " of \"" + shown + "\"";
    }
}
