package dev.sparring.controller.dashboard;

/**
 * Writes the dashboard's events: one line of JSON each, built with a {@link StringBuilder} (off the control thread).
 * Only what the events need: objects and arrays are written by the callers, strings and numbers here.
 */
final class JsonText {
    private JsonText() {
    }

    /**
     * Appends a JSON string: quoted, with quotes, backslashes and control characters escaped.
     *
     * @param json where to append.
     * @param text the string, or null for {@code null}.
     * @return {@code json}.
     */
    static StringBuilder string(final StringBuilder json, final String text) {
        if (text == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }

    /**
     * Appends a number; NaN and the infinities, which JSON lacks, as {@code null}.
     *
     * @param json  where to append.
     * @param value the number.
     * @return {@code json}.
     */
    static StringBuilder number(final StringBuilder json, final double value) {
        return Double.isFinite(value) ? json.append(value) : json.append("null");
    }

    /**
     * Appends {@code "name":} after a comma unless it is the object's first member.
     *
     * @param json  where to append, ending with {@code {} or a member.
     * @param name  the member's name.
     * @return {@code json}.
     */
    static StringBuilder name(final StringBuilder json, final String name) {
        if (json.charAt(json.length() - 1) != '{') {
            json.append(',');
        }
        return string(json, name).append(':');
    }
}
