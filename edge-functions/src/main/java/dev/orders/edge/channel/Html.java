package dev.orders.edge.channel;

import java.util.regex.Pattern;

/**
 * The message markup: the Telegram HTML subset ({@code <b>}, {@code <i>}, {@code <code>}; {@code \n} for a line
 * break), which is also what Slack's mrkdwn and an e-mail need after a small translation. Data goes in through
 * {@link #escape} only.
 */
public final class Html {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private Html() {}

    /** The three characters Telegram's HTML parse mode (and Slack) requires escaped in text. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Text as a person reads it: tags dropped, entities decoded. */
    public static String toPlainText(String html) {
        return unescape(TAG.matcher(html).replaceAll(""));
    }

    /**
     * Slack mrkdwn: bold, italic and code become {@code *}, {@code _} and backticks; Slack wants exactly the same
     * three entities escaped, so those stay.
     */
    public static String toSlackMrkdwn(String html) {
        return html.replace("<b>", "*")
                .replace("</b>", "*")
                .replace("<i>", "_")
                .replace("</i>", "_")
                .replace("<code>", "`")
                .replace("</code>", "`");
    }

    /** A complete HTML document for an e-mail body; line breaks kept. */
    public static String toEmailHtml(String html, String title) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>"
                + "<body><div style=\"font-family:sans-serif;white-space:pre-wrap\">" + html + "</div></body></html>";
    }

    static String unescape(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
