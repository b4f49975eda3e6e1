package dev.chillproxy.core.rank;

import java.util.Objects;

/**
 * One lexical token of a filter expression.
 *
 * @param kind   what the token is
 * @param text   the name, operator or punctuation as written; the decoded value for strings
 * @param number the value of a number token, else 0
 * @param column 1-based column of the token's first character
 */
record FilterToken(Kind kind, String text, double number, int column) {

    enum Kind { IDENT, STRING, NUMBER, OPERATOR, END }

    FilterToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    boolean is(Kind expected, String value) {
        return kind == expected && text.equals(value);
    }

    boolean isOperator(String value) {
        return is(Kind.OPERATOR, value);
    }

    boolean isWord(String value) {
        return is(Kind.IDENT, value);
    }

    /** The token as an error message quotes it: short, in double quotes. */
    String quoted() {
        if (kind == Kind.END) {
            return "end of expression";
        }
        String shown = text.length() > 24 ? text.substring(0, 24) + "…" : text;
        return (kind == Kind.STRING ? "string \"" : "\"") + shown + "\"";
    }
}
