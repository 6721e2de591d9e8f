package dev.nnc.processor.read;

import com.sun.source.tree.ImportTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;

/**
 * The import declarations of the file that declares an element, which {@code javax.lang.model}
 * does not show: read through javac's tree API ({@code com.sun.source}). Where that API is not
 * there (under ECJ, or in an environment a build tool wraps, such as Gradle's incremental
 * processing), every file's imports are unknown and the checks that need them are skipped.
 */
public final class FileImports {

    /**
     * One import declaration.
     *
     * @param name the imported name as written, without a trailing {@code .*}
     * @param onDemand whether it ends in {@code .*}
     * @param isStatic whether it is a static import
     */
    public record Import(String name, boolean onDemand, boolean isStatic) {

        /** The declaration as it is written in the file. */
        @Override
        public String toString() {
            return "import " + (isStatic ? "static " : "") + name + (onDemand ? ".*" : "") + ";";
        }
    }

    /** javac's trees, or {@code null} where the processor does not run in javac itself. */
    private final Trees trees;

    private FileImports(Trees trees) {
        this.trees = trees;
    }

    /** The imports {@code environment} can show: javac's, or none. */
    public static FileImports of(ProcessingEnvironment environment) {
        try {
            return new FileImports(Trees.instance(environment));
        } catch (IllegalArgumentException | LinkageError notJavac) {
            // Trees.instance refuses another compiler's environment, or a wrapper of javac's; without jdk.compiler there is no class
            return new FileImports(null);
        }
    }

    /** The imports of the file that declares {@code element}, in order; none where they cannot be read. */
    List<Import> of(Element element) {
        TreePath path = trees == null ? null : trees.getPath(element);
        if (path == null) {
            return List.of();
        }
        List<Import> imports = new ArrayList<>();
        for (ImportTree tree : path.getCompilationUnit().getImports()) {
            String name = tree.getQualifiedIdentifier().toString();
            boolean onDemand = name.endsWith(".*");
            imports.add(new Import(onDemand ? name.substring(0, name.length() - 2) : name, onDemand, tree.isStatic()));
        }
        return imports;
    }
}
