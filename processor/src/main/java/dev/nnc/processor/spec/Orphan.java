package dev.nnc.processor.spec;

/**
 * An nnc annotation that no spec reads: on a type without {@code @Network}, or on a method of one.
 *
 * @param annotation the annotation's simple name, such as {@code "Layer"}
 * @param methodName the method it annotates, or {@code null} when it annotates the type
 * @param typeName the simple name of the type that has no {@code @Network}
 * @param source the annotation
 */
public record Orphan(String annotation, String methodName, String typeName, Source source) {}
