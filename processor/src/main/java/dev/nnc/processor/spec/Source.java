package dev.nnc.processor.spec;

/**
 * An opaque handle to where a piece of a spec was written: an annotation on an element and,
 * optionally, one of its attributes. Only the reader and the reporter know what it points at;
 * everything between them passes it along, so validator and planner stay plain Java.
 *
 * @param id which annotated element, as numbered by the reader
 * @param attribute the annotation attribute ({@code "units"}), or {@code null} for the whole annotation
 */
public record Source(int id, String attribute) {

    /** A handle to the whole annotation numbered {@code id}. */
    public static Source of(int id) {
        return new Source(id, null);
    }

    /** The same annotation, narrowed to one attribute. */
    public Source at(String attributeName) {
        return new Source(id, attributeName);
    }
}
