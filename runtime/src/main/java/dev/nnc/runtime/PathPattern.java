package dev.nnc.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A file name with placeholders, filled as Keras' {@code ModelCheckpoint} fills its
 * {@code filepath} with Python's {@code str.format}: {@code {epoch}} is the epoch counted from 1,
 * {@code {<name>}} the value logged as {@code name} that epoch, each with an optional
 * {@link FormatSpec} after a colon ({@code weights.{epoch:02d}-{val_loss:.2f}.safetensors} gives
 * {@code weights.03-0.52.safetensors}). Doubled braces, <code>&#123;&#123;</code> and
 * <code>&#125;&#125;</code>, are literal braces. Checked when parsed: the braces, each spec, and
 * that it suits its value ({@code epoch} is a whole number, logged values are floats). Immutable.
 */
final class PathPattern {

    private final String pattern;
    /** The text before each placeholder, and after the last: one more than {@link #fields}. */
    private final List<String> literals;
    private final List<Field> fields;

    private record Field(String placeholder, String name, FormatSpec spec) {}

    private PathPattern(String pattern, List<String> literals, List<Field> fields) {
        this.pattern = pattern;
        this.literals = literals;
        this.fields = fields;
    }

    /**
     * {@code pattern} parsed.
     *
     * @throws IllegalArgumentException naming the placeholder or brace at fault
     */
    static PathPattern parse(String pattern) {
        List<String> literals = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < n && pattern.charAt(i + 1) == c) {
                literal.append(c);
                i++;
            } else if (c == '}') {
                throw error(pattern, "a single '}' at index " + i + "; write '}}' for a brace in the name");
            } else if (c == '{') {
                int end = pattern.indexOf('}', i);
                if (end < 0) {
                    throw error(pattern, "the '{' at index " + i + " is not closed; write '{{' for a brace in the name");
                }
                fields.add(field(pattern, pattern.substring(i, end + 1)));
                literals.add(literal.toString());
                literal.setLength(0);
                i = end;
            } else {
                literal.append(c);
            }
        }
        literals.add(literal.toString());
        return new PathPattern(pattern, List.copyOf(literals), List.copyOf(fields));
    }

    private static Field field(String pattern, String placeholder) {
        String inside = placeholder.substring(1, placeholder.length() - 1);
        int colon = inside.indexOf(':');
        String name = colon < 0 ? inside : inside.substring(0, colon);
        String why = name.isEmpty() ? "names nothing; name 'epoch' or a logged value such as 'val_loss'"
                : inside.indexOf('{') >= 0 ? "nests a placeholder, which is not supported"
                : name.indexOf('!') >= 0 ? "has a conversion ('!'), which is not supported"
                : name.indexOf('.') >= 0 || name.indexOf('[') >= 0 ? "reads an attribute or an index, which is not supported"
                : null;
        if (why != null) {
            throw error(pattern, "placeholder " + placeholder + " " + why);
        }
        try {
            FormatSpec spec = FormatSpec.parse(colon < 0 ? "" : inside.substring(colon + 1));
            if (name.equals("epoch")) {
                spec.requireFitsWholeNumber();
            } else {
                spec.requireFitsFloat();
            }
            return new Field(placeholder, name, spec);
        } catch (IllegalArgumentException e) {
            throw error(pattern, "placeholder " + placeholder + ": " + e.getMessage());
        }
    }

    private static IllegalArgumentException error(String pattern, String message) {
        return new IllegalArgumentException("pathPattern '" + pattern + "': " + message);
    }

    /**
     * The name for epoch {@code epoch} (from 0; {@code {epoch}} shows it from 1, as Keras) with
     * these {@code logs}.
     *
     * @throws IllegalArgumentException when a placeholder names a value that is not in the logs,
     *     listing those that are
     */
    String format(int epoch, Map<String, Double> logs) {
        StringBuilder name = new StringBuilder(literals.get(0));
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (field.name().equals("epoch")) {
                name.append(field.spec().format((long) epoch + 1));
            } else {
                Double value = logs.get(field.name());
                if (value == null) {
                    List<String> available = new ArrayList<>(List.of("epoch"));
                    available.addAll(logs.keySet());
                    throw error(pattern, "placeholder " + field.placeholder() + " is not in the logs of epoch " + epoch
                            + "; available: " + available);
                }
                name.append(field.spec().format(value));
            }
            name.append(literals.get(i + 1));
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
