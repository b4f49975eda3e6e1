package dev.chillproxy.core.rank;

import java.util.ArrayList;
import java.util.List;

import dev.chillproxy.core.rank.FilterToken.Kind;

/**
 * Splits a filter expression into tokens: dotted names ({@code File.Name}), numbers ({@code 2},
 * {@code 1.5}), strings in double, single or back quotes (backslash escapes in the first two),
 * operators and punctuation. Not thread-safe; one instance per expression.
 */
final class FilterLexer {

    private static final String[] OPERATORS = {"==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]",
        ",", "-", "+"};

    private final String source;
    private int position;

    private FilterLexer(String source) {
        this.source = source;
    }

    static List<FilterToken> tokens(String source) throws FilterException {
        return new FilterLexer(source).all();
    }

    private List<FilterToken> all() throws FilterException {
        List<FilterToken> tokens = new ArrayList<>();
        while (true) {
            while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
                position++;
            }
            if (position >= source.length()) {
                tokens.add(new FilterToken(Kind.END, "", 0, position + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private FilterToken next() throws FilterException {
        int start = position;
        char c = source.charAt(position);
        if (isNameStart(c)) {
            return name(start);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '"' || c == '\'' || c == '`') {
            return string(start, c);
        }
        for (String operator : OPERATORS) {
            if (source.startsWith(operator, position)) {
                position += operator.length();
                return new FilterToken(Kind.OPERATOR, operator, 0, start + 1);
            }
        }
        String hint = c == '=' ? " (use == to compare)" : c == '&' || c == '|' ? " (use && or ||)" : "";
        throw new FilterException("unexpected character \"" + new String(Character.toChars(source.codePointAt(start)))
                + "\"" + hint, start + 1);
    }

    private FilterToken name(int start) {
        do {
            position++;
            while (position < source.length() && isNamePart(source.charAt(position))) {
                position++;
            }
        } while (position + 1 < source.length() && source.charAt(position) == '.'
                && isNameStart(source.charAt(position + 1)));
        return new FilterToken(Kind.IDENT, source.substring(start, position), 0, start + 1);
    }

    private FilterToken number(int start) throws FilterException {
        skipDigits();
        if (position + 1 < source.length() && source.charAt(position) == '.' && isDigit(source.charAt(position + 1))) {
            position++;
            skipDigits();
        }
        String text = source.substring(start, position);
        if (text.length() > 24) {
            throw new FilterException("number too long", start + 1);
        }
        return new FilterToken(Kind.NUMBER, text, Double.parseDouble(text), start + 1);
    }

    private FilterToken string(int start, char quote) throws FilterException {
        StringBuilder value = new StringBuilder();
        position++;
        while (position < source.length()) {
            char c = source.charAt(position++);
            if (c == quote) {
                return new FilterToken(Kind.STRING, value.toString(), 0, start + 1);
            }
            if (c == '\\' && quote != '`') {
                if (position >= source.length()) {
                    break;
                }
                value.append(unescape(source.charAt(position++), position - 1));
            } else {
                value.append(c);
            }
        }
        throw new FilterException("unterminated string", start + 1);
    }

    private static char unescape(char c, int index) throws FilterException {
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case '\\':
            case '"':
            case '\'':
                return c;
            default:
                throw new FilterException("unknown escape \"\\" + c + "\" in string", index);
        }
    }

    private void skipDigits() {
        while (position < source.length() && isDigit(source.charAt(position))) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
