package dev.nnc.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * The source of {@code test/Spec.java}, built from a few parts and always laid out the same way,
 * so a test names the line of each part with a constant:
 *
 * <pre>
 * 1  package test;
 * 2  import dev.nnc.annotations.*;
 * 3  &#64;Network(...)              NETWORK_LINE
 * 4  &#64;Loss(...)                 LOSS_LINE       (empty when left out)
 * 5  &#64;Optimizer(...)            OPTIMIZER_LINE  (empty when left out)
 * 6  interface Spec {           TYPE_LINE
 * 7      first member           memberLine(0)
 * 8      second member          memberLine(1)
 *    ...
 *    }
 * </pre>
 *
 * The defaults make a valid spec: {@code SpecNet}, 2 inputs, a TANH layer of 4 units, a LINEAR
 * output of 1, MSE and ADAM. Each test replaces the part it is about.
 */
final class SpecSource {

    static final String FILE = "test.Spec";
    static final int NETWORK_LINE = 3;
    static final int LOSS_LINE = 4;
    static final int OPTIMIZER_LINE = 5;
    static final int TYPE_LINE = 6;

    /** The line of the member at {@code index}, from 0. */
    static int memberLine(int index) {
        return TYPE_LINE + 1 + index;
    }

    private String network = "@Network(name = \"SpecNet\", inputs = 2)";
    private String loss = "@Loss(LossType.MSE)";
    private String optimizer = "@Optimizer(OptimizerType.ADAM)";
    private String type = "interface Spec";
    private List<String> members = List.of(
            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
            "@Layer(units = 1) void output();");

    private SpecSource() {}

    static SpecSource spec() {
        return new SpecSource();
    }

    /** The whole {@code @Network} annotation. */
    SpecSource network(String annotation) {
        this.network = annotation;
        return this;
    }

    /** The whole {@code @Loss} annotation, or {@code ""} for none. */
    SpecSource loss(String annotation) {
        this.loss = annotation;
        return this;
    }

    /** The whole {@code @Optimizer} annotation, or {@code ""} for none. */
    SpecSource optimizer(String annotation) {
        this.optimizer = annotation;
        return this;
    }

    /** The declaration before the brace, such as {@code "interface Spec<T>"}; the type must stay {@code Spec}. */
    SpecSource type(String declaration) {
        this.type = declaration;
        return this;
    }

    /** The members, one a line, from {@link #memberLine(int) memberLine(0)} on. */
    SpecSource members(String... lines) {
        this.members = List.of(lines);
        return this;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>(List.of(
                "package test;",
                "import dev.nnc.annotations.*;",
                network,
                loss,
                optimizer,
                type + " {"));
        for (String member : members) {
            lines.add("    " + member);
        }
        lines.add("}");
        return lines;
    }

    JavaFileObject build() {
        return JavaFileObjects.forSourceLines(FILE, lines());
    }

    /** The 1-based column where {@code fragment} first starts on {@code line}, as javac counts it. */
    int column(int line, String fragment) {
        String text = lines().get(line - 1);
        int index = text.indexOf(fragment);
        if (index < 0) {
            throw new IllegalArgumentException("'" + fragment + "' is not on line " + line + ": " + text);
        }
        return index + 1;
    }
}
