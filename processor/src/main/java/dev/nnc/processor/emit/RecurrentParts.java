package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.layer.RecurrentLayer;
import dev.nnc.processor.plan.LayerPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * What a recurrent layer's time loop ({@link RecurrentEmitter}) and its cell ({@link RecurrentCell})
 * both write with: the layer's sizes by name, its buffers' fields, the previous state as the
 * recurrent kernel reads it, and the products, each a method of its own that this collects for
 * the layer's kernels. Both depend on it; neither on the other's internals.
 */
final class RecurrentParts {

    private final Numeric numeric;
    private final LayerPlan layer;
    private final LayerNames names;
    private final MatmulEmitter matmul;
    private final int gates;
    /** The products the forward and backward kernels call, each a method of its own (C2 compiles a small loop nest best). */
    private final List<MethodSpec> products = new ArrayList<>();

    RecurrentParts(Numeric numeric, LayerPlan layer, LayerNames names) {
        this.numeric = numeric;
        this.layer = layer;
        this.names = names;
        this.matmul = new MatmulEmitter(numeric);
        this.gates = RecurrentLayer.gates(layer.spec());
    }

    String units() {
        return names.units();
    }

    /** Columns of the kernels: one block of units per gate. */
    String columns() {
        return gates == 1 ? units() : gates + " * " + units();
    }

    /** Columns of the kernels, as a number. */
    int columnCount() {
        return gates * layer.units();
    }

    String steps() {
        return names.steps();
    }

    double recurrentDropout() {
        return layer.spec().settings().recurrentDropout();
    }

    /** The product methods collected since the last call, in the order they were written; the list starts again. */
    List<MethodSpec> takeMethods() {
        List<MethodSpec> taken = List.copyOf(products);
        products.clear();
        return taken;
    }

    /** {@code h[...]} as the recurrent kernel sees it: times the recurrent mask where the layer drops the state. */
    String maskedState(String h, String index, String maskIndex) {
        return recurrentDropout() > 0 ? h + "[" + index + "] * hm[" + maskIndex + "]" : h + "[" + index + "]";
    }

    /** The field of the workspace buffer of role {@code name}. */
    FieldSpec buffer(String name, String doc) {
        return FieldSpec.builder(numeric.array(), names.buffer(name), Modifier.PRIVATE)
                .addJavadoc("Layer '$L' $L\n", layer.name(), doc)
                .build();
    }

    /**
     * A method {@code name(arrays..., n[, t])} running {@code body}, kept for {@link #takeMethods()},
     * and the statement that calls it with the caller's arrays of the same names.
     */
    CodeBlock call(String name, String doc, List<String> arrays, boolean step, CodeBlock body) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Layer '$L': $L\n", layer.name(), doc);
        for (String array : arrays) {
            method.addParameter(numeric.array(), array);
        }
        method.addParameter(int.class, "n");
        if (step) {
            method.addParameter(int.class, "t");
        }
        products.add(method.addCode(body).build());
        return CodeBlock.builder().addStatement("$L($L, n$L)", name, String.join(", ", arrays), step ? ", t" : "").build();
    }

    /**
     * {@code out[r][j] = start + sum_k a(r, k) b[k][j]} for {@code r < rows}, through the one
     * product generator ({@link MatmulEmitter}). {@code outRow} is the first index of row r in
     * {@code out}, {@code aElement} the element a(r, k) and {@code bRow} the first index of B's row
     * k, as expressions of {@code r} and {@code k}: any strides, so the same product serves the
     * steps of a sequence and the transposes.
     */
    CodeBlock product(Extent rows, String out, String outRow, String aElement, Extent depth, String b, String bRow,
            Extent columns, MatmulEmitter.Start start) {
        return matmul.product(new MatmulEmitter.Product(rows, "r", columns, "j", depth, "k",
                (row, k) -> CodeBlock.of("$L", at(aElement, row, k)),
                b, (k, column) -> CodeBlock.of("$L + $L", at(bRow, "r", k), column),
                start,
                out, (row, column) -> CodeBlock.of("$L + $L", at(outRow, row, "k"), column)));
    }

    /** {@code expression} of {@code r} and {@code k} at the given row and step. */
    private static String at(String expression, String row, String k) {
        String atRow = row.equals("r") ? expression : expression.replaceAll("\\br\\b", java.util.regex.Matcher.quoteReplacement(row));
        return k.equals("k") ? atRow : atRow.replaceAll("\\bk\\b", java.util.regex.Matcher.quoteReplacement(k));
    }

    /** The units, a constant. */
    Extent unitsExtent() {
        return Extent.constant(units(), layer.units());
    }

    /** The kernels' columns, a constant. */
    Extent columnsExtent() {
        return Extent.constant(columns(), columnCount());
    }

    /** A value per column from {@code w} at {@code offset}: a bias. */
    MatmulEmitter.Start fromParameters(String offset) {
        return MatmulEmitter.Start.perColumn(
                column -> CodeBlock.of("$T.fromArray(SPECIES, w, $L + $L)", numeric.vector(), offset, column),
                column -> CodeBlock.of("w[$L + $L]", offset, column));
    }

    /** The arrays of a product that reads the previous state, and its mask where the layer drops it. */
    List<String> recurrentArrays(String... arrays) {
        List<String> all = new ArrayList<>(List.of(arrays));
        if (recurrentDropout() > 0) {
            all.add("hm");
        }
        return all;
    }
}
