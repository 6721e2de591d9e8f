package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void aListShowsItsFirstTenItemsAndCountsTheRest() {
        assertEquals("[]", Messages.list(List.of()));
        assertEquals("[a, b]", Messages.list(List.of("a", "b")));
        List<Integer> ten = IntStream.range(0, 10).boxed().toList();
        assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", Messages.list(ten));
        List<Integer> million = IntStream.range(0, 1_000_000).boxed().toList();
        assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, and 999990 more]", Messages.list(million));
        // and each item is excerpted
        assertEquals("[" + "x".repeat(200) + "... (201 characters), y]", Messages.list(List.of("x".repeat(201), "y")));
    }

    @Test
    void aTextShowsItsFirst200CharactersAndItsLength() {
        assertEquals("", Messages.excerpt(""));
        assertEquals("z".repeat(200), Messages.excerpt("z".repeat(200)));
        assertEquals("z".repeat(200) + "... (20000000 characters)", Messages.excerpt("z".repeat(20_000_000)));
        // a character outside the Basic Multilingual Plane, two chars, is not cut in half
        String emoji = "z".repeat(199) + "\uD83D\uDE00" + "z";
        assertEquals("z".repeat(199) + "... (202 characters)", Messages.excerpt(emoji));
    }
}
