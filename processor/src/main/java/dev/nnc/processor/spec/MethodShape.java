package dev.nnc.processor.spec;

/**
 * Facts about a layer method that decide whether it can declare a layer.
 *
 * @param parameterCount number of parameters; a layer method has none
 * @param returnType the declared return type, as written
 * @param modifier {@code "default"}, {@code "static"} or {@code "private"} when the method has a body, else {@code null}
 * @param declaredIn the simple name of the type that declares it when that is a superinterface, else {@code null}
 */
public record MethodShape(int parameterCount, String returnType, String modifier, String declaredIn) {

    /** The shape of a well-formed layer method. */
    public static MethodShape abstractVoid() {
        return new MethodShape(0, "void", null, null);
    }
}
