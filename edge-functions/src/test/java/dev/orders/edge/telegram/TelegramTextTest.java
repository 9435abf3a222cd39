package dev.orders.edge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.edge.channel.Html;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TelegramTextTest {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)[^>]*>");

    @Test
    void keepsAShortMessageWhole() {
        assertThat(TelegramText.split("<b>Hola</b>\nmundo", 4096)).containsExactly("<b>Hola</b>\nmundo");
    }

    @Test
    void splitsBetweenLinesWhenItCan() {
        String text = IntStream.range(0, 200)
                .mapToObj(i -> "\u2022 line " + i + " &amp; more &lt;x&gt;")
                .collect(Collectors.joining("\n"));

        List<String> parts = TelegramText.split(text, 500);

        assertThat(parts)
                .hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(500));
        assertThat(String.join("\n", parts)).isEqualTo(text);
        parts.forEach(TelegramTextTest::assertWellFormed);
    }

    @Test
    void splitsALongLineBetweenWordsAndKeepsEntitiesWhole() {
        String line = IntStream.range(0, 300).mapToObj(i -> "w" + i + "&amp;").collect(Collectors.joining(" "));

        List<String> parts = TelegramText.split(line, 97);

        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(97));
        assertThat(String.join(" ", parts)).isEqualTo(line);
        parts.forEach(TelegramTextTest::assertWellFormed);
    }

    @Test
    void cutsAWordLongerThanAPartWithoutBreakingAnEntityOrASurrogatePair() {
        String word = "&lt;\uD83D\uDE00&gt;".repeat(100);

        List<String> parts = TelegramText.split(word, 50);

        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(50));
        assertThat(String.join("", parts)).isEqualTo(word);
        parts.forEach(TelegramTextTest::assertWellFormed);
    }

    @Test
    void closesATagAtTheCutAndOpensItAgainInTheNextPart() {
        String text = "<b>" + "bold words here ".repeat(40).strip() + "</b>\nafter";

        List<String> parts = TelegramText.split(text, 120);

        assertThat(parts)
                .hasSizeGreaterThan(2)
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(120));
        assertThat(parts.getFirst()).startsWith("<b>").endsWith("</b>");
        assertThat(parts.get(1)).startsWith("<b>").endsWith("</b>");
        parts.forEach(TelegramTextTest::assertWellFormed);
        String plain = parts.stream().map(Html::toPlainText).collect(Collectors.joining(" "));
        assertThat(plain.replaceAll("\\s+", " "))
                .isEqualTo(Html.toPlainText(text).replaceAll("\\s+", " "));
    }

    @Test
    void splitsAMessageJustOverTheTelegramLimitInTwo() {
        String line = "\u2022 3 \u00d7 Tornillos &lt;M8&gt; &amp; tuercas " + "x".repeat(20);
        String text = "<b>Tu orden ha sido confirmada</b>\n"
                + (line + "\n").repeat(80).strip();
        assertThat(text.length()).isGreaterThan(TelegramText.MAX_LENGTH);

        List<String> parts = TelegramText.split(text, TelegramText.MAX_LENGTH);

        assertThat(parts).hasSize(2);
        assertThat(parts.get(1)).startsWith("\u2022 3");
    }

    /** Every entity complete, every tag closed in the same part. */
    private static void assertWellFormed(String part) {
        for (int i = part.indexOf('&'); i >= 0; i = part.indexOf('&', i + 1)) {
            assertThat(part.substring(i)).as("entity at %d of %s", i, part).matches("(?s)^&(amp|lt|gt);.*");
        }
        assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
        assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(part);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                open.push(m.group(2));
            } else {
                assertThat(open.pop()).isEqualTo(m.group(2));
            }
        }
        assertThat(open).as("unclosed tags in %s", part).isEmpty();
    }
}
