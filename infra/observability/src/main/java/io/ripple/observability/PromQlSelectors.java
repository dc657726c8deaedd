package io.ripple.observability;

import io.ripple.observability.Selector.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the vector selectors of a PromQL expression: which series names it reads and with
 * which label matchers. Not a full PromQL parser (Prometheus' own grammar is Go-only); it knows
 * enough of the lexical structure to tell a metric name from a function, an aggregation, a
 * grouping clause ({@code by (...)}, {@code on (...)}), a keyword, a string, a number or
 * duration, a range ({@code [5m]}) and a Grafana variable ({@code $__rate_interval}).
 *
 * <p>Selecting series by a regular expression on {@code __name__} is rejected: such a query
 * could not be checked against the contract.
 */
public final class PromQlSelectors {

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev",
            "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "bool", "offset");
    private static final Set<String> NUMBER_WORDS = Set.of("inf", "nan");

    private enum Type { IDENT, STRING, NUMBER, VARIABLE, PUNCT }

    private record Token(Type type, String text, int at) {
        boolean is(String punctuation) {
            return type == Type.PUNCT && text.equals(punctuation);
        }
    }

    private final String expression;
    private final List<Token> tokens;

    private PromQlSelectors(String expression) {
        this.expression = expression;
        this.tokens = tokenize(expression);
    }

    /**
     * The selectors of an expression, in order of appearance.
     *
     * @throws PromQlException when the expression is not lexically valid PromQL or selects
     *     series by a regular expression on the name
     */
    public static List<Selector> of(String expression) {
        return new PromQlSelectors(expression).selectors();
    }

    private List<Selector> selectors() {
        List<Selector> found = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.is("[")) {
                i = closing(i, "[", "]");
            } else if (token.is("(")) {
                depth++;
            } else if (token.is(")")) {
                if (--depth < 0) {
                    throw new PromQlException(expression, token.at(), "unbalanced ')'");
                }
            } else if (token.is("{")) {
                i = selector(null, i, found);
            } else if (token.type() == Type.IDENT) {
                i = identifier(i, found);
            } else if (token.is("]") || token.is("}")) {
                throw new PromQlException(expression, token.at(), "unbalanced '" + token.text() + "'");
            }
        }
        if (depth != 0) {
            throw new PromQlException(expression, expression.length(), "missing ')'");
        }
        return found;
    }

    /** Handles the identifier at {@code i}; returns the index of the last token it consumed. */
    private int identifier(int i, List<Selector> found) {
        String word = tokens.get(i).text();
        String lower = word.toLowerCase(Locale.ROOT);
        boolean callFollows = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
        if (GROUPING.contains(word)) {
            return callFollows ? closing(i + 1, "(", ")") : i;
        }
        if (KEYWORDS.contains(word) || NUMBER_WORDS.contains(lower) || callFollows) {
            return i; // a function or an aggregation: its arguments are scanned as usual
        }
        if (AGGREGATIONS.contains(word) && i + 1 < tokens.size()
                && GROUPING.contains(tokens.get(i + 1).text())) {
            return i;
        }
        if (i + 1 < tokens.size() && tokens.get(i + 1).is("{")) {
            return selector(word, i + 1, found);
        }
        found.add(new Selector(word, List.of()));
        return i;
    }

    /** Reads {@code {label op "value", ...}} starting at the brace; returns the closing brace's index. */
    private int selector(@Nullable String name, int brace, List<Selector> found) {
        List<LabelMatcher> matchers = new ArrayList<>();
        @Nullable String metric = name;
        int i = brace + 1;
        while (true) {
            Token token = at(i, "a label name or '}'");
            if (token.is("}")) {
                break;
            }
            if (token.type() != Type.IDENT) {
                throw new PromQlException(expression, token.at(), "expected a label name, found '" + token.text() + "'");
            }
            Token operator = at(i + 1, "a matcher operator");
            if (!Set.of("=", "!=", "=~", "!~").contains(operator.text()) || operator.type() != Type.PUNCT) {
                throw new PromQlException(expression, operator.at(), "expected =, !=, =~ or !~ after " + token.text());
            }
            Token value = at(i + 2, "a quoted label value");
            if (value.type() != Type.STRING) {
                throw new PromQlException(expression, value.at(), "expected a quoted value for " + token.text());
            }
            if (token.text().equals("__name__")) {
                if (!operator.text().equals("=")) {
                    throw new PromQlException(expression, token.at(),
                            "selecting metrics by a pattern on __name__ cannot be checked against the contract");
                }
                metric = value.text();
            } else {
                matchers.add(new LabelMatcher(token.text(), operator.text(), value.text()));
            }
            i += 3;
            if (at(i, "',' or '}'").is(",")) {
                i++;
            } else if (!tokens.get(i).is("}")) {
                throw new PromQlException(expression, tokens.get(i).at(), "expected ',' or '}'");
            }
        }
        if (metric == null) {
            throw new PromQlException(expression, tokens.get(brace).at(), "a selector without a metric name");
        }
        found.add(new Selector(metric, matchers));
        return i;
    }

    private int closing(int open, String opening, String closingText) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is(opening)) {
                depth++;
            } else if (tokens.get(i).is(closingText) && --depth == 0) {
                return i;
            }
        }
        throw new PromQlException(expression, tokens.get(open).at(), "missing '" + closingText + "'");
    }

    private Token at(int i, String expected) {
        if (i >= tokens.size()) {
            throw new PromQlException(expression, expression.length(), "expected " + expected);
        }
        return tokens.get(i);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                i = string(text, i, tokens);
            } else if (isIdentStart(c)) {
                int start = i;
                while (i < text.length() && isIdentPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Type.IDENT, text.substring(start, i), start));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i + 1)))) {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
                        || ((text.charAt(i) == '+' || text.charAt(i) == '-')
                                && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')))) {
                    i++;
                }
                tokens.add(new Token(Type.NUMBER, text.substring(start, i), start));
            } else if (c == '$') {
                i = variable(text, i, tokens);
            } else {
                i = punctuation(text, i, tokens);
            }
        }
        return tokens;
    }

    private static int string(String text, int start, List<Token> tokens) {
        char quote = text.charAt(start);
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            if (text.charAt(i) == '\\' && quote != '`' && i + 1 < text.length()) {
                i++;
            }
            value.append(text.charAt(i));
            i++;
        }
        if (i >= text.length()) {
            throw new PromQlException(text, start, "unterminated string");
        }
        tokens.add(new Token(Type.STRING, value.toString(), start));
        return i + 1;
    }

    /** A Grafana template variable: {@code $name}, {@code ${name}} or {@code ${name:format}}. */
    private static int variable(String text, int start, List<Token> tokens) {
        int i = start + 1;
        if (i < text.length() && text.charAt(i) == '{') {
            int end = text.indexOf('}', i);
            if (end < 0) {
                throw new PromQlException(text, start, "unterminated ${...} variable");
            }
            i = end + 1;
        } else {
            while (i < text.length() && isIdentPart(text.charAt(i))) {
                i++;
            }
        }
        if (i == start + 1) {
            throw new PromQlException(text, start, "'$' without a variable name");
        }
        tokens.add(new Token(Type.VARIABLE, text.substring(start, i), start));
        return i;
    }

    private static int punctuation(String text, int start, List<Token> tokens) {
        for (String operator : List.of("=~", "!~", "!=", "==", "<=", ">=")) {
            if (text.startsWith(operator, start)) {
                tokens.add(new Token(Type.PUNCT, operator, start));
                return start + 2;
            }
        }
        char c = text.charAt(start);
        if ("(){}[],=+-*/%^<>@:".indexOf(c) < 0) {
            throw new PromQlException(text, start, "unexpected character '" + c + "'");
        }
        tokens.add(new Token(Type.PUNCT, String.valueOf(c), start));
        return start + 1;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || Character.isDigit(c);
    }
}
