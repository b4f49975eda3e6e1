package dev.chillproxy.core.rank;

import static dev.chillproxy.core.rank.FilterTypeChecks.binary;
import static dev.chillproxy.core.rank.FilterTypeChecks.bool;
import static dev.chillproxy.core.rank.FilterTypeChecks.expect;
import static dev.chillproxy.core.rank.FilterTypeChecks.shorten;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.chillproxy.core.rank.FilterNode.Operator;
import dev.chillproxy.core.rank.FilterToken.Kind;

/**
 * Recursive-descent parser from tokens to a {@link FilterNode} tree, with expr-lang's precedence
 * (lowest first): {@code || or}; {@code && and}; comparisons, {@code in}, {@code not in},
 * {@code contains}, {@code startsWith}, {@code endsWith}, {@code matches} (left-associative);
 * prefix {@code ! not -}; literals, names, {@code len/lower/upper(x)}, parentheses and arrays.
 * Nesting (parentheses, arrays, calls, prefix operators) is capped so no input can exhaust the stack.
 * Types that are certain to be wrong are rejected here (rules in {@link FilterTypeChecks}). Not thread-safe;
 * one instance per expression.
 */
final class FilterParser {

    static final int MAX_DEPTH = 64;
    static final int MAX_PATTERN_LENGTH = 256;
    /** Regular expressions per filter: each one is compiled and run on every stream. */
    static final int MAX_MATCHES = 32;

    private final List<FilterToken> tokens;
    private int index;
    private int depth;
    private int matchesCount;

    private FilterParser(List<FilterToken> tokens) {
        this.tokens = tokens;
    }

    static FilterNode parse(String source) throws FilterException {
        FilterParser parser = new FilterParser(FilterLexer.tokens(source));
        FilterNode root = parser.or();
        if (parser.peek().kind() != Kind.END) {
            throw parser.unexpected(parser.peek());
        }
        if (!root.type().mayBe(ValueType.BOOL)) {
            throw new FilterException("the expression gives a " + root.type().label() + ", not true or false", 0);
        }
        return root;
    }

    private FilterNode or() throws FilterException {
        FilterNode left = and();
        while (peek().isOperator("||") || peek().isWord("or")) {
            FilterToken operator = next();
            left = new FilterNode.Logical(false, bool(left, operator), bool(and(), operator));
        }
        return left;
    }

    private FilterNode and() throws FilterException {
        FilterNode left = comparison();
        while (peek().isOperator("&&") || peek().isWord("and")) {
            FilterToken operator = next();
            left = new FilterNode.Logical(true, bool(left, operator), bool(comparison(), operator));
        }
        return left;
    }

    private FilterNode comparison() throws FilterException {
        FilterNode left = unary();
        while (true) {
            FilterToken token = peek();
            if (token.isWord("matches")) {
                next();
                left = matches(left, unary(), token);
                continue;
            }
            Optional<Operator> operator = operatorAt(token);
            if (operator.isEmpty()) {
                return left;
            }
            next();
            if (operator.get() == Operator.NOT_IN) {
                next();
            }
            left = binary(operator.get(), left, unary(), token);
        }
    }

    private Optional<Operator> operatorAt(FilterToken token) {
        if (token.isWord("not") && tokens.get(Math.min(index + 1, tokens.size() - 1)).isWord("in")) {
            return Optional.of(Operator.NOT_IN);
        }
        for (Operator operator : Operator.values()) {
            Kind kind = Character.isLetter(operator.symbol.charAt(0)) ? Kind.IDENT : Kind.OPERATOR;
            if (token.is(kind, operator.symbol)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    private FilterNode matches(FilterNode subject, FilterNode pattern, FilterToken at) throws FilterException {
        expect(subject, at, ValueType.STRING);
        expect(pattern, at, ValueType.STRING);
        if (++matchesCount > MAX_MATCHES) {
            throw new FilterException("more than " + MAX_MATCHES + " \"matches\" (join patterns with |)", at.column());
        }
        return new FilterNode.Matches(subject, pattern, FilterTypeChecks.literalPattern(pattern, at));
    }

    private FilterNode unary() throws FilterException {
        FilterToken token = peek();
        boolean not = token.isOperator("!") || token.isWord("not");
        if (!not && !token.isOperator("-") && !token.isOperator("+")) {
            return primary();
        }
        next();
        enter(token);
        FilterNode operand = unary();
        depth--;
        if (token.isOperator("+")) {
            expect(operand, token, ValueType.NUMBER);
            return operand;
        }
        if (!not && operand instanceof FilterNode.Literal literal && literal.value() instanceof Double number) {
            return new FilterNode.Literal(-number, ValueType.NUMBER);
        }
        expect(operand, token, not ? ValueType.BOOL : ValueType.NUMBER);
        return new FilterNode.Unary(!not, operand);
    }

    private FilterNode primary() throws FilterException {
        FilterToken token = next();
        switch (token.kind()) {
            case STRING:
                return new FilterNode.Literal(token.text(), ValueType.STRING);
            case NUMBER:
                return new FilterNode.Literal(token.number(), ValueType.NUMBER);
            case IDENT:
                return name(token);
            case OPERATOR:
                if (token.isOperator("(")) {
                    enter(token);
                    FilterNode inner = or();
                    close(")", token);
                    return inner;
                }
                if (token.isOperator("[")) {
                    return array(token);
                }
                throw unexpected(token);
            default:
                throw unexpected(token);
        }
    }

    private FilterNode name(FilterToken token) throws FilterException {
        String word = token.text();
        if (word.equals("true") || word.equals("false")) {
            return new FilterNode.Literal(Boolean.valueOf(word), ValueType.BOOL);
        }
        if (word.equals("nil")) {
            return new FilterNode.Literal(null, ValueType.ANY);
        }
        if (peek().isOperator("(")) {
            return call(token);
        }
        Optional<FilterField> field = FilterFields.named(word);
        if (field.isPresent()) {
            return new FilterNode.Field(field.get());
        }
        if (List.of("and", "or", "not", "in", "contains", "matches", "startsWith", "endsWith").contains(word)) {
            throw unexpected(token);
        }
        String hint = FilterFields.spelledLike(word).map(known -> " (names are case-sensitive: " + known + ")")
                .orElse("");
        throw new FilterException("unknown name \"" + shorten(word) + "\"" + hint, token.column());
    }

    private FilterNode call(FilterToken name) throws FilterException {
        FilterNode.Function function;
        try {
            function = FilterNode.Function.valueOf(name.text().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FilterException("unknown function \"" + shorten(name.text())
                    + "\" (known: len, lower, upper)", name.column());
        }
        if (!name.text().equals(name.text().toLowerCase(java.util.Locale.ROOT))) {
            throw new FilterException("unknown function \"" + shorten(name.text()) + "\" (known: len, lower, upper)",
                    name.column());
        }
        FilterToken open = next();
        enter(open);
        FilterNode argument = or();
        close(")", open);
        expect(argument, name, function == FilterNode.Function.LEN
                ? new ValueType[] {ValueType.STRING, ValueType.LIST} : new ValueType[] {ValueType.STRING});
        return new FilterNode.Call(function, argument);
    }

    private FilterNode array(FilterToken open) throws FilterException {
        enter(open);
        List<FilterNode> items = new ArrayList<>();
        while (!peek().isOperator("]")) {
            items.add(or());
            if (!peek().isOperator(",")) {
                break;
            }
            next();
        }
        close("]", open);
        return new FilterNode.Array(items);
    }

    private void close(String closing, FilterToken open) throws FilterException {
        FilterToken token = next();
        if (!token.isOperator(closing)) {
            if (token.kind() == Kind.END) {
                throw new FilterException("missing \"" + closing + "\" for \"" + open.text() + "\" opened",
                        open.column());
            }
            throw unexpected(token);
        }
        depth--;
    }

    private void enter(FilterToken at) throws FilterException {
        if (++depth > MAX_DEPTH) {
            throw new FilterException("nested deeper than " + MAX_DEPTH + " levels", at.column());
        }
    }

    private FilterException unexpected(FilterToken token) {
        if (token.kind() == Kind.END) {
            return new FilterException("unexpected end of expression", token.column());
        }
        return new FilterException("unexpected token " + token.quoted(), token.column());
    }

    private FilterToken peek() {
        return tokens.get(index);
    }

    private FilterToken next() {
        FilterToken token = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }
}
