package dev.orders.edge.telegram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Splits a message in the Telegram HTML subset into parts of at most {@code max} characters: between lines when it
 * can, else between words, else between characters; never inside a tag or an entity. A tag open at a cut is closed
 * at the end of the part and opened again at the start of the next, so every part parses on its own.
 * Lengths are counted on the HTML source, which is never shorter than the text Telegram counts.
 */
final class TelegramText {

    static final int MAX_LENGTH = 4096;

    private TelegramText() {}

    static List<String> split(String html, int max) {
        if (html.length() <= max) {
            return List.of(html);
        }
        return new Splitter(max).run(tokenize(html));
    }

    private enum Kind {
        TEXT,
        ENTITY,
        SPACE,
        NEWLINE,
        OPEN,
        CLOSE
    }

    private record Token(Kind kind, String text, String tag) {
        boolean isContent() {
            return kind != Kind.OPEN && kind != Kind.CLOSE;
        }
    }

    private static List<Token> tokenize(String html) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end > i) {
                    String text = html.substring(i, end + 1);
                    boolean closing = text.startsWith("</");
                    tokens.add(new Token(closing ? Kind.CLOSE : Kind.OPEN, text, tagName(text, closing ? 2 : 1)));
                    i = end + 1;
                    continue;
                }
            } else if (c == '&') {
                int end = entityEnd(html, i);
                if (end > i) {
                    tokens.add(new Token(Kind.ENTITY, html.substring(i, end + 1), null));
                    i = end + 1;
                    continue;
                }
            } else if (c == '\n') {
                tokens.add(new Token(Kind.NEWLINE, "\n", null));
                i++;
                continue;
            } else if (c == ' ') {
                tokens.add(new Token(Kind.SPACE, " ", null));
                i++;
                continue;
            }
            int n = Character.charCount(html.codePointAt(i));
            tokens.add(new Token(Kind.TEXT, html.substring(i, i + n), null));
            i += n;
        }
        return tokens;
    }

    private static String tagName(String tag, int from) {
        int end = from;
        while (end < tag.length() && Character.isLetterOrDigit(tag.charAt(end))) {
            end++;
        }
        return tag.substring(from, end).toLowerCase(java.util.Locale.ROOT);
    }

    /** Index of the {@code ;} of an entity starting at {@code start}, or -1. */
    private static int entityEnd(String html, int start) {
        for (int j = start + 1; j < html.length() && j <= start + 12; j++) {
            char c = html.charAt(j);
            if (c == ';') {
                return j > start + 1 ? j : -1;
            }
            if (!Character.isLetterOrDigit(c) && c != '#') {
                return -1;
            }
        }
        return -1;
    }

    /** Groups of tokens that end with a token of {@code kind} (included), and a last group without it. */
    private static List<List<Token>> groups(List<Token> tokens, Kind kind) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokens) {
            current.add(t);
            if (t.kind() == kind) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static final class Splitter {
        private final int max;
        private final List<String> parts = new ArrayList<>();
        private final StringBuilder body = new StringBuilder();
        private final Deque<Token> open = new ArrayDeque<>();
        private boolean hasContent;

        Splitter(int max) {
            this.max = max;
        }

        List<String> run(List<Token> tokens) {
            for (List<Token> line : groups(tokens, Kind.NEWLINE)) {
                if (place(line)) {
                    continue;
                }
                for (List<Token> word : groups(line, Kind.SPACE)) {
                    if (place(word)) {
                        continue;
                    }
                    for (Token token : word) {
                        if (!fits(List.of(token)) && hasContent) {
                            flush();
                        }
                        // a single token longer than a part cannot be cut without breaking it; it goes alone
                        append(List.of(token));
                    }
                }
            }
            flush();
            return parts;
        }

        /** Appends the piece to this part or, if it fits there, to a new one; false if it fits in neither. */
        private boolean place(List<Token> piece) {
            if (fits(piece)) {
                append(piece);
                return true;
            }
            if (hasContent) {
                flush();
                if (fits(piece)) {
                    append(piece);
                    return true;
                }
            }
            return false;
        }

        private boolean fits(List<Token> piece) {
            int length = body.length();
            Deque<Token> stack = new ArrayDeque<>(open);
            for (Token t : piece) {
                length += t.text().length();
                apply(stack, t);
            }
            return length + closingLength(stack) <= max;
        }

        private void append(List<Token> piece) {
            for (Token t : piece) {
                body.append(t.text());
                apply(open, t);
                hasContent |= t.isContent();
            }
        }

        private void flush() {
            int end = body.length();
            while (end > 0 && (body.charAt(end - 1) == ' ' || body.charAt(end - 1) == '\n')) {
                end--;
            }
            body.setLength(end);
            if (hasContent) {
                for (Token t : open) {
                    body.append("</").append(t.tag()).append('>');
                }
                parts.add(body.toString());
            }
            body.setLength(0);
            Iterator<Token> outerFirst = open.descendingIterator();
            while (outerFirst.hasNext()) {
                body.append(outerFirst.next().text());
            }
            hasContent = false;
        }

        /** The stack's top is the innermost open tag. */
        private static void apply(Deque<Token> stack, Token t) {
            if (t.kind() == Kind.OPEN) {
                stack.push(t);
            } else if (t.kind() == Kind.CLOSE) {
                for (Iterator<Token> it = stack.iterator(); it.hasNext(); ) {
                    if (it.next().tag().equals(t.tag())) {
                        it.remove();
                        break;
                    }
                }
            }
        }

        private static int closingLength(Deque<Token> stack) {
            int n = 0;
            for (Token t : stack) {
                n += t.tag().length() + 3;
            }
            return n;
        }
    }
}
