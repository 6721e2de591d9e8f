package dev.nnc.processor.spec;

/**
 * Facts about the annotated type that decide whether it can be a network spec.
 *
 * @param kind what it is, in words: {@code "interface"}, {@code "class"}, {@code "enum"}, ...
 * @param generic whether it declares type parameters
 * @param innerClassMember whether it is nested in a type that it needs an instance of (a non-static member)
 */
public record TypeShape(String kind, boolean generic, boolean innerClassMember) {

    public boolean isInterface() {
        return kind.equals("interface");
    }
}
