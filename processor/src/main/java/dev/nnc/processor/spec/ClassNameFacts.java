package dev.nnc.processor.spec;

/**
 * The types that a generated class's name would meet where the class goes, found by the reader for
 * the validator to judge. Each is a qualified name, or {@code null} when there is none.
 *
 * @param packageType a type of that name that already exists in the package
 * @param otherSpec another spec of this build whose generated class has that name too
 * @param javaLangType the public {@code java.lang} type of that name, which a class of the package
 *     would hide from every file of the package
 * @param importedType a type of that name that the spec's own file imports
 * @param importDeclaration the declaration that imports it, as written ({@code import java.util.*;})
 */
public record ClassNameFacts(String packageType, String otherSpec, String javaLangType, String importedType,
        String importDeclaration) {

    /** A name that meets nothing. */
    public static ClassNameFacts none() {
        return new ClassNameFacts(null, null, null, null, null);
    }
}
