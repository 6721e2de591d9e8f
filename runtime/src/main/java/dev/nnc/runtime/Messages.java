package dev.nnc.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Text from a file or a caller, shown in an exception's message at a bounded length: a file can
 * name a million tensors or hold a metadata value of 100 MB, and a message that repeats them all
 * is one nobody reads (and a log that fills up).
 */
final class Messages {

    /** The items of a list a message shows before it counts the rest. */
    static final int ITEMS = 10;

    /** The characters of a text a message shows before it counts the rest. */
    static final int CHARACTERS = 200;

    private Messages() {}

    /**
     * {@code items} as {@link List#toString} writes them, each {@link #excerpt excerpted}, and
     * past the first {@value #ITEMS} only their count: {@code [a, b, ..., j, and 99990 more]}.
     */
    static String list(Collection<?> items) {
        List<String> shown = new ArrayList<>();
        Iterator<?> iterator = items.iterator();
        while (iterator.hasNext() && shown.size() < ITEMS) {
            shown.add(excerpt(String.valueOf(iterator.next())));
        }
        if (items.size() > ITEMS) {
            shown.add("and " + (items.size() - ITEMS) + " more");
        }
        return shown.toString();
    }

    /** The refusal of a tensor {@code name} that is not among {@code names}. */
    static IllegalArgumentException noTensor(String name, Collection<String> names) {
        return new IllegalArgumentException("no tensor '" + excerpt(name) + "'; tensors are " + list(names));
    }

    /**
     * {@code text} as it is, or its first {@value #CHARACTERS} characters and how many there are
     * in all: {@code nnnn... (20000000 characters)}.
     */
    static String excerpt(String text) {
        if (text.length() <= CHARACTERS) {
            return text;
        }
        // a surrogate pair is not cut in half
        int end = Character.isHighSurrogate(text.charAt(CHARACTERS - 1)) ? CHARACTERS - 1 : CHARACTERS;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }
}
