package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.LayerKind;
import dev.nnc.processor.layer.RecurrentLayer;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.spec.ActivationSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * SimpleRNN, LSTM and GRU over a sequence laid out {@code [n][steps][width]}, batch first as Keras.
 *
 * <p>Forward: the input projection {@code x_t W + b} of every step at once, one product over
 * {@code n * steps} rows, into the gates buffer; then, step by step, {@code h_(t-1) U} added to the
 * step's rows and the cell's update. Everything the backward pass needs stays in the buffers: the
 * activated gates, the cell states and their activation, and every step's {@code h}.
 *
 * <p>Backward, through time from the last step: the cell turns dL/dh (from the layer above and
 * from the step after) into the gates' pre-activation gradients, written over the step's gates;
 * {@code dU} gathers {@code h_(t-1)^T dz_t} and {@code dh_(t-1) = dz_t U^T}. After the loop the
 * gates buffer holds every step's dz, and {@code dW}, {@code db} and {@code dx} are each one
 * product over {@code n * steps} rows, as a Dense layer's.
 *
 * <p>GRU keeps each step's recurrent product apart. In Keras' reset-after form it is
 * {@code h_(t-1) U + b'}, whose candidate block the reset gate scales (kept for the backward pass);
 * in the original form the z and r blocks come first, then the gates, then the candidate's
 * product of {@code r h_(t-1)} (kept too).
 *
 * <p>Dropout (inputs) and recurrent dropout ({@code h_(t-1)} where it feeds the recurrent kernel)
 * draw one mask per sample and batch in training, the same at every step, as Keras. Every product
 * is a method of its own, a GEMM micro-kernel ({@link #product}); every cell is written once over a
 * {@link Lane} and emitted on vectors and on the scalar tail.
 */
public final class RecurrentEmitter extends LayerEmitterBase {

    private final boolean lstm;
    private final boolean gru;
    /** GRU in its original form (Keras' {@code reset_after = False}): the reset gate scales h_(t-1) before the candidate's product. */
    private final boolean resetBefore;
    private final int gates;
    private final MatmulEmitter matmul;

    public RecurrentEmitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        super(numeric, layer, names);
        this.lstm = layer.kind() == LayerKind.LSTM;
        this.gru = layer.kind() == LayerKind.GRU;
        this.resetBefore = gru && !layer.spec().settings().resetAfter();
        this.gates = RecurrentLayer.gates(layer.spec());
        this.matmul = new MatmulEmitter(numeric);
    }

    private double dropout() {
        return layer.spec().settings().dropout();
    }

    private double recurrentDropout() {
        return layer.spec().settings().recurrentDropout();
    }

    /** The inputs the backward pass reads (which follows a training pass): the masked copy where the layer drops inputs. */
    private String inputs() {
        return dropout() > 0 ? "xs" : "x";
    }

    /** {@code h[...]} as the recurrent kernel sees it: times the recurrent mask where the layer drops the state. */
    private String previousState(String h, String index, String maskIndex) {
        return recurrentDropout() > 0 ? h + "[" + index + "] * hm[" + maskIndex + "]" : h + "[" + index + "]";
    }

    private boolean returnsSequences() {
        return layer.outputSteps() > 0;
    }

    /** The buffer of every step's h: the output itself when the layer returns sequences. */
    private String states() {
        return returnsSequences() ? names.output() : names.buffer("states");
    }

    private String steps() {
        return names.steps();
    }

    private String units() {
        return names.units();
    }

    /** Columns of the kernels: one block of units per gate. */
    private String columns() {
        return gates == 1 ? units() : gates + " * " + units();
    }

    private FieldSpec buffer(String name, String doc) {
        return FieldSpec.builder(numeric.array(), names.buffer(name), Modifier.PRIVATE)
                .addJavadoc("Layer '$L' $L\n", layer.name(), doc)
                .build();
    }

    @Override
    public List<FieldSpec> buffers() {
        List<FieldSpec> buffers = new ArrayList<>();
        buffers.add(buffer("gates", lstm
                ? "gates i, f, g, o of every step, (capacity * steps, 4 units), activated; dz after the backward pass."
                : gru ? "gates z, r and the candidate g of every step, (capacity * steps, 3 units), activated; dz after the backward pass."
                : "pre-activation of every step, (capacity * steps, units); dz after the backward pass."));
        if (!returnsSequences()) {
            buffers.add(buffer("states", "h of every step, (capacity * steps, units)."));
        }
        if (lstm) {
            buffers.add(buffer("cells", "cell state c of every step, (capacity * steps, units)."));
            buffers.add(buffer("cellOutputs", "activation of the cell state of every step, (capacity * steps, units)."));
            buffers.add(buffer("cellGradient", "dL/dc carried back to the step before, (capacity, units)."));
        }
        if (dropout() > 0) {
            buffers.add(buffer("inputMask", "input dropout mask of the last training pass, (capacity, inputs): the same at every step."));
            buffers.add(buffer("droppedInputs", "the inputs times their mask, (capacity * steps, inputs), as the last training pass read them."));
        }
        if (recurrentDropout() > 0) {
            buffers.add(buffer("recurrentMask", "mask of h_(t-1) where it feeds the recurrent kernel, (capacity, units): the last"
                    + " training pass's, all ones in inference."));
        }
        if (gru) {
            buffers.add(buffer("directGradient", "the share z dh of dL/dh_(t-1) that skips the recurrent kernel, (capacity, units)."));
            if (resetBefore) {
                buffers.add(buffer("resetStates", "r h_(t-1) of every step, which the candidate's product reads, (capacity * steps, units)."));
                buffers.add(buffer("resetGradient", "one step's dL/d(r h_(t-1)), then its share r of it, (capacity, units)."));
            } else {
                buffers.add(buffer("candidates", "the candidate's recurrent part h_(t-1) U_h + b'_h of every step, (capacity * steps, units)."));
            }
            buffers.add(buffer("recurrentProduct", "one step's products of h_(t-1) with U, and in the backward pass their gradient,"
                    + " (capacity, 3 units)."));
        }
        buffers.add(buffer("stateGradient", "dL/dh carried back to the step before, (capacity, units)."));
        buffers.add(buffer("zeroState", "the state before the first step: zeros, (units), never written."));
        return buffers;
    }

    @Override
    public CodeBlock reserve() {
        CodeBlock.Builder code = CodeBlock.builder()
                .addStatement("$L = new $T[$T.workspace(n * $L, $L)]", names.buffer("gates"), numeric.type(), Types.CHECKS, steps(), columns());
        List<String> perStep = new ArrayList<>();
        if (!returnsSequences()) {
            perStep.add("states");
        }
        if (lstm) {
            perStep.add("cells");
            perStep.add("cellOutputs");
        }
        if (dropout() > 0) {
            code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("inputMask"), numeric.type(), Types.CHECKS, names.inputs());
            code.addStatement("$L = new $T[$T.workspace(n * $L, $L)]", names.buffer("droppedInputs"), numeric.type(), Types.CHECKS, steps(),
                    names.inputs());
        }
        if (recurrentDropout() > 0) {
            code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("recurrentMask"), numeric.type(), Types.CHECKS, units());
        }
        if (gru) {
            code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("directGradient"), numeric.type(), Types.CHECKS, units());
            perStep.add(resetBefore ? "resetStates" : "candidates");
            if (resetBefore) {
                code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("resetGradient"), numeric.type(), Types.CHECKS, units());
            }
            code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("recurrentProduct"), numeric.type(), Types.CHECKS, columns());
        }
        for (String buffer : perStep) {
            code.addStatement("$L = new $T[$T.workspace(n * $L, $L)]", names.buffer(buffer), numeric.type(), Types.CHECKS, steps(), units());
        }
        if (lstm) {
            code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("cellGradient"), numeric.type(), Types.CHECKS, units());
        }
        return code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("stateGradient"), numeric.type(), Types.CHECKS, units())
                .addStatement("$L = new $T[$T.workspace(1, $L)]", names.buffer("zeroState"), numeric.type(), Types.CHECKS, units())
                .build();
    }

    @Override
    public List<FieldSpec> sharedFields() {
        List<FieldSpec> fields = new ArrayList<>();
        if (layer.mirrors().contains("recurrent_kernel")) {
            fields.add(FieldSpec.builder(numeric.array(), names.buffer("recurrentT"), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Layer '$L' recurrent kernel transposed, [$L][$L], for dh = dz U^T; kept in step with the parameters.\n",
                            layer.name(), gates * layer.units(), layer.units())
                    .build());
        }
        if (layer.mirrorsKernel()) {
            fields.add(FieldSpec.builder(numeric.array(), names.buffer("kernelT"), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Layer '$L' kernel transposed, [$L][$L], for dx = dz W^T; kept in step with the parameters.\n",
                            layer.name(), gates * layer.units(), layer.inputs())
                    .build());
        }
        return fields;
    }

    @Override
    public CodeBlock construct() {
        CodeBlock.Builder code = CodeBlock.builder();
        for (FieldSpec field : sharedFields()) {
            String rows = field.name().equals(names.buffer("kernelT")) ? names.inputs() : units();
            code.addStatement("this.$L = source == null ? new $T[$L * $L] : source.$L", field.name(), numeric.type(), columns(), rows,
                    field.name());
        }
        return code.build();
    }

    @Override
    public CodeBlock refresh() {
        CodeBlock.Builder code = CodeBlock.builder();
        if (layer.mirrors().contains("recurrent_kernel")) {
            code.add(transpose(names.buffer("recurrentT"), names.tensor("recurrent_kernel"), units()));
        }
        if (layer.mirrorsKernel()) {
            code.add(transpose(names.buffer("kernelT"), names.tensor("kernel"), names.inputs()));
        }
        return code.build();
    }

    /** {@code mirror[j][k] = parameters[offset + k * columns + j]} for a {@code [rows][columns]} kernel. */
    private CodeBlock transpose(String mirror, String offset, String rows) {
        return CodeBlock.builder()
                .beginControlFlow("for (int k = 0; k < $L; k++)", rows)
                .beginControlFlow("for (int j = 0; j < $L; j++)", columns())
                .addStatement("$L[j * $L + k] = parameters[$L + k * $L + j]", mirror, rows, offset, columns())
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    // ---- the kernels ----

    @Override
    public List<MethodSpec> kernels() {
        products.clear();
        List<MethodSpec> kernels = new ArrayList<>();
        kernels.add(forwardKernel());
        if (resetBefore) {
            kernels.add(gatesKernel());
        }
        kernels.add(cellKernel());
        if (layer.needsBackward()) {
            kernels.add(backwardKernel());
            kernels.add(cellGradientKernel());
            if (resetBefore) {
                kernels.add(gatesGradientKernel());
            }
        }
        kernels.addAll(products);
        return kernels;
    }

    /** The products the forward and backward kernels call, each a method of its own (C2 compiles a small loop nest best). */
    private final List<MethodSpec> products = new ArrayList<>();

    /**
     * A method {@code name(arrays..., n[, t])} running {@code body}, kept for {@link #kernels()},
     * and the statement that calls it with the caller's arrays of the same names.
     */
    private CodeBlock call(String name, String doc, List<String> arrays, boolean step, CodeBlock body) {
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
    private CodeBlock product(Extent rows, String out, String outRow, String aElement, Extent depth, String b, String bRow,
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
    private Extent unitsExtent() {
        return Extent.constant(units(), layer.units());
    }

    /** The kernels' columns, a constant. */
    private Extent columnsExtent() {
        return Extent.constant(columns(), gates * layer.units());
    }

    /** Every step of every sample: {@code n * steps} rows. */
    private Extent sequenceRows() {
        return Extent.runtime("n * " + steps());
    }

    /** A value per column from {@code w} at {@code offset}: a bias. */
    private MatmulEmitter.Start fromParameters(String offset) {
        return MatmulEmitter.Start.perColumn(
                column -> CodeBlock.of("$T.fromArray(SPECIES, w, $L + $L)", numeric.vector(), offset, column),
                column -> CodeBlock.of("w[$L + $L]", offset, column));
    }

    /** The arrays of a product that reads the previous state, and its mask where the layer drops it. */
    private List<String> recurrentArrays(String... arrays) {
        List<String> all = new ArrayList<>(List.of(arrays));
        if (recurrentDropout() > 0) {
            all.add("hm");
        }
        return all;
    }

    /** The masks' parameters: {@code xm} and {@code xs} for input dropout, {@code hm} for recurrent dropout. */
    private void addMaskParameters(MethodSpec.Builder method) {
        if (dropout() > 0) {
            method.addParameter(numeric.array(), "xm").addParameter(numeric.array(), "xs");
        }
        if (recurrentDropout() > 0) {
            method.addParameter(numeric.array(), "hm");
        }
    }

    /**
     * In training, one input mask and one state mask per sample, each kept with probability
     * {@code 1 - rate} and scaled by {@code 1 / (1 - rate)}, the same at every step (Keras'
     * {@code dropout} and {@code recurrent_dropout}); the inputs times their mask go to {@code xs},
     * and {@code xin} is what the projection reads: xs in training, x itself in inference, where the
     * state mask is all ones.
     */
    private CodeBlock masks() {
        CodeBlock.Builder code = CodeBlock.builder();
        String f = names.inputs();
        if (dropout() > 0) {
            code.beginControlFlow("if (training)")
                    .add("// input dropout: one mask per sample, the same at every step\n")
                    .beginControlFlow("for (int i = 0; i < n * $L; i++)", f)
                    .addStatement("xm[i] = random.nextDouble() < $L ? $L : $L", dropout(), numeric.literal(0), numeric.literal(1 / (1 - dropout())))
                    .endControlFlow()
                    .beginControlFlow("for (int r = 0; r < n; r++)")
                    .beginControlFlow("for (int i = r * $L * $L; i < (r + 1) * $L * $L; i++)", steps(), f, steps(), f)
                    .addStatement("xs[i] = x[i] * xm[r * $L + i % $L]", f, f)
                    .endControlFlow()
                    .endControlFlow()
                    .endControlFlow()
                    .addStatement("$T[] xin = training ? xs : x", numeric.type());
        }
        if (recurrentDropout() > 0) {
            code.add("// recurrent dropout: one mask of h_(t-1) per sample, the same at every step; ones in inference\n")
                    .beginControlFlow("for (int i = 0; i < n * $L; i++)", units())
                    .addStatement("hm[i] = !training ? $L : random.nextDouble() < $L ? $L : $L", numeric.literal(1), recurrentDropout(),
                            numeric.literal(0), numeric.literal(1 / (1 - recurrentDropout())))
                    .endControlFlow();
        }
        return code.build();
    }

    private MethodSpec forwardKernel() {
        String h = returnsSequences() ? "y" : "h";
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.forward())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Layer '$L', $L of $L units over $L steps: reads x (n, steps, $L) and the weights w, writes y$L.\n",
                        layer.name(), layer.kind(), layer.units(), layer.inputSteps(), layer.inputs(),
                        returnsSequences() ? " (n, steps, units)" : " (n, units), the last step's h")
                .addParameter(numeric.array(), "y");
        if (!returnsSequences()) {
            method.addParameter(numeric.array(), "h");
        }
        method.addParameter(numeric.array(), "z");
        if (lstm) {
            method.addParameter(numeric.array(), "c").addParameter(numeric.array(), "a");
        }
        if (gru) {
            method.addParameter(numeric.array(), resetBefore ? "rs" : "hc").addParameter(numeric.array(), "q");
        }
        method.addParameter(numeric.array(), "zero")
                .addParameter(numeric.array(), "x")
                .addParameter(numeric.array(), "w");
        addMaskParameters(method);
        if (dropout() > 0 || recurrentDropout() > 0) {
            method.addParameter(Types.SPLITTABLE_RANDOM, "random")
                    .addParameter(boolean.class, "training");
        }
        method.addParameter(int.class, "n");
        method.addCode(masks());
        String bias = names.tensor("bias");
        // in training the inputs times their mask, in inference the inputs themselves
        String projected = dropout() > 0 ? "xin" : "x";
        method.addCode(call(names.forward() + "Projection", "z[r][t] = x[r][t] W + b, every step at once.", List.of("z", projected, "w"), false,
                product(sequenceRows(), "z", "r * " + columns(), projected + "[r * " + names.inputs() + " + k]",
                        Extent.constant(names.inputs(), layer.inputs()), "w", names.tensor("kernel") + " + k * " + columns(), columnsExtent(),
                        bias == null ? MatmulEmitter.Start.ZERO : fromParameters(bias))))
                .beginControlFlow("for (int t = 0; t < $L; t++)", steps());
        if (resetBefore) {
            String u = units();
            method.addCode(call(names.forward() + "Recurrence", "q[r][0, 2 units) = h[r][t - 1] U_zr (h_(-1) = 0).",
                            recurrentArrays("q", h, "w"), true, product(Extent.runtime("n"), "q", "r * " + columns(),
                                    previousState(h, "(r * " + steps() + " + t - 1) * " + u + " + k", "r * " + u + " + k"),
                                    Extent.runtime("(t > 0 ? " + u + " : 0)"), "w", names.tensor("recurrent_kernel") + " + k * " + columns(),
                                    Extent.constant("2 * " + u, 2 * layer.units()), MatmulEmitter.Start.ZERO)))
                    .addStatement("$L(z, q, rs, $Lt > 0 ? $L : zero, n, t)", names.forward() + "Gates", recurrentDropout() > 0 ? "hm, " : "", h)
                    .addCode(call(names.forward() + "Candidate", "q[r][2 units, 3 units) = (r h)[r][t] U_h.", List.of("q", "rs", "w"), true,
                            product(Extent.runtime("n"), "q", "r * " + columns() + " + 2 * " + u, "rs[(r * " + steps() + " + t) * " + u + " + k]",
                                    unitsExtent(), "w", names.tensor("recurrent_kernel") + " + k * " + columns() + " + 2 * " + u, unitsExtent(),
                                    MatmulEmitter.Start.ZERO)));
        } else if (gru) {
            // the recurrent bias is the second row of bias [2][3 units]
            method.addCode(call(names.forward() + "Recurrence", "q[r] = h[r][t - 1] U + b', kept apart: the reset gate scales the"
                            + " candidate's block (h_(-1) = 0).", recurrentArrays("q", h, "w"), true, product(Extent.runtime("n"), "q",
                            "r * " + columns(), previousState(h, "(r * " + steps() + " + t - 1) * " + units() + " + k", "r * " + units() + " + k"),
                            Extent.runtime("(t > 0 ? " + units() + " : 0)"), "w", names.tensor("recurrent_kernel") + " + k * " + columns(),
                            columnsExtent(), bias == null ? MatmulEmitter.Start.ZERO : fromParameters(bias + " + " + columns()))));
        } else {
            method.beginControlFlow("if (t > 0)")
                    .addCode(call(names.forward() + "Recurrence", "z[r][t] += h[r][t - 1] U.", recurrentArrays("z", h, "w"), true,
                            product(Extent.runtime("n"), "z", "(r * " + steps() + " + t) * " + columns(),
                                    previousState(h, "(r * " + steps() + " + t - 1) * " + units() + " + k", "r * " + units() + " + k"),
                                    unitsExtent(), "w", names.tensor("recurrent_kernel") + " + k * " + columns(), columnsExtent(),
                                    MatmulEmitter.Start.from("z"))))
                    .endControlFlow();
        }
        method.addStatement("$L(z, $L$L, t > 0 ? $L : zero, n, t)", names.forward() + "Cell", lstm ? "c, a, " : resetBefore ? "q, "
                        : gru ? "hc, q, " : "", h, lstm ? "c" : h)
                .endControlFlow();
        if (!returnsSequences()) {
            method.addComment("y = the last step's h")
                    .beginControlFlow("for (int r = 0; r < n; r++)")
                    .addStatement("$T.arraycopy(h, (r * $L + $L - 1) * $L, y, r * $L, $L)", System.class, steps(), steps(), units(),
                            units(), units())
                    .endControlFlow();
        }
        return method.build();
    }

    /**
     * How one unit's cell arithmetic is written: on scalars (the tail) or on vectors of units (the
     * body), so each cell is described once and emitted twice. Every value is first bound to a
     * local ({@link #let}), as the vector forms read their inputs more than once.
     */
    private abstract class Lane {
        final CodeBlock.Builder body = CodeBlock.builder();
        private final ActivationEmitter activations = new ActivationEmitter(numeric);

        /** The type of a local: the element type, or the vector type. */
        abstract com.palantir.javapoet.TypeName type();

        abstract CodeBlock load(String array, String index);

        abstract void store(CodeBlock value, String array, String index);

        abstract CodeBlock mul(CodeBlock a, CodeBlock b);

        abstract CodeBlock add(CodeBlock a, CodeBlock b);

        abstract CodeBlock sub(CodeBlock a, CodeBlock b);

        /** {@code 1 - a}. */
        abstract CodeBlock oneMinus(CodeBlock a);

        /** {@code f(a)} of the layer's activation (or, with {@code gate}, the recurrent one). */
        abstract CodeBlock apply(boolean gate, CodeBlock a);

        /** {@code dy * f'} from the output {@code y}. */
        abstract CodeBlock slope(boolean gate, CodeBlock dy, CodeBlock y);

        /** Binds {@code expression} to the local {@code name}, which it returns. */
        CodeBlock let(String name, CodeBlock expression) {
            body.addStatement("$T $L = $L", type(), name, expression);
            return CodeBlock.of("$L", name);
        }

        /** The forms of the layer's activation, or with {@code gate} of its recurrent one. */
        ActivationEmitter.Form form(boolean gate) {
            ActivationType type = gate ? layer.spec().settings().recurrentActivation() : layer.spec().activation().type();
            return activations.of(new ActivationSpec(type, gate ? Double.NaN : layer.spec().activation().alpha(), false,
                    layer.spec().source()));
        }
    }

    private final class ScalarLane extends Lane {
        @Override
        com.palantir.javapoet.TypeName type() {
            return numeric.type();
        }

        @Override
        CodeBlock load(String array, String index) {
            return CodeBlock.of("$L[$L]", array, index);
        }

        @Override
        void store(CodeBlock value, String array, String index) {
            body.addStatement("$L[$L] = $L", array, index, value);
        }

        @Override
        CodeBlock mul(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L * $L", grouped(a), grouped(b));
        }

        private CodeBlock grouped(CodeBlock operand) {
            return operand.toString().contains(" ") ? CodeBlock.of("($L)", operand) : operand;
        }

        @Override
        CodeBlock add(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L + $L", a, b);
        }

        @Override
        CodeBlock sub(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L - $L", a, grouped(b));
        }

        @Override
        CodeBlock oneMinus(CodeBlock a) {
            return CodeBlock.of("(1 - $L)", grouped(a));
        }

        @Override
        CodeBlock apply(boolean gate, CodeBlock a) {
            return form(gate).scalar().emit(null, grouped(a).toString());
        }

        @Override
        CodeBlock slope(boolean gate, CodeBlock dy, CodeBlock y) {
            return form(gate).scalarDerivative().emit(null, grouped(dy).toString(), grouped(y).toString());
        }
    }

    private final class VectorLane extends Lane {

        @Override
        com.palantir.javapoet.TypeName type() {
            return numeric.vector();
        }

        @Override
        CodeBlock load(String array, String index) {
            return CodeBlock.of("$T.fromArray(SPECIES, $L, $L)", numeric.vector(), array, index);
        }

        @Override
        void store(CodeBlock value, String array, String index) {
            body.addStatement("$L.intoArray($L, $L)", value, array, index);
        }

        @Override
        CodeBlock mul(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L.mul($L)", a, b);
        }

        @Override
        CodeBlock add(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L.add($L)", a, b);
        }

        @Override
        CodeBlock sub(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L.sub($L)", a, b);
        }

        @Override
        CodeBlock oneMinus(CodeBlock a) {
            return CodeBlock.of("$L.neg().add($L)", a, numeric.literal(1));
        }

        @Override
        CodeBlock apply(boolean gate, CodeBlock a) {
            return form(gate).vector().emit(body, a.toString());
        }

        @Override
        CodeBlock slope(boolean gate, CodeBlock dy, CodeBlock y) {
            return form(gate).derivative().emit(body, dy.toString(), y.toString());
        }
    }

    /**
     * For every row of step {@code t}: the indices {@code g} (its gates), {@code s} (its state)
     * and {@code p} (the previous step's state, in {@code previous}: the zero state at step 0),
     * then {@code cell} over the units, on vectors and then on the scalar tail.
     */
    private CodeBlock overUnits(java.util.function.Consumer<Lane> cell) {
        Lane vector = new VectorLane();
        cell.accept(vector);
        Lane scalar = new ScalarLane();
        cell.accept(scalar);
        CodeBlock.Builder code = CodeBlock.builder()
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L + t", steps())
                .addStatement("int g = row * $L", columns())
                .addStatement("int s = row * $L", units())
                .addStatement("int p = t > 0 ? s - $L : 0", units());
        if (gru) {
            code.addStatement("int qr = r * $L", columns());
        }
        return code.addStatement("int j = 0")
                .beginControlFlow("for (; j < SPECIES.loopBound($L); j += LANES)", units())
                .add(vector.body.build())
                .endControlFlow()
                .beginControlFlow("for (; j < $L; j++)", units())
                .add(scalar.body.build())
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    private String at(String base, int block) {
        return block == 0 ? base + " + j" : base + " + " + (block == 1 ? "" : block + " * ") + units() + " + j";
    }

    /**
     * The original GRU's gates at step t: z and r from the input's and the state's products, and
     * {@code r h_(t-1)} (through the state's mask), which the candidate's product then reads.
     */
    private MethodSpec gatesKernel() {
        return gatesStep(names.forward() + "Gates", "rs")
                .addJavadoc("Layer '$L' at step t: z, r = $L(x W + b + q), rs = r h_(t-1).\n", layer.name(),
                        layer.spec().settings().recurrentActivation())
                .addCode(overUnits(lane -> {
                    CodeBlock update = lane.let("update", lane.apply(true, lane.let("zu",
                            lane.add(lane.load("z", at("g", 0)), lane.load("q", at("qr", 0))))));
                    CodeBlock reset = lane.let("reset", lane.apply(true, lane.let("zr",
                            lane.add(lane.load("z", at("g", 1)), lane.load("q", at("qr", 1))))));
                    lane.store(update, "z", at("g", 0));
                    lane.store(reset, "z", at("g", 1));
                    lane.store(lane.mul(reset, maskedPrevious(lane)), "rs", "s + j");
                }))
                .build();
    }

    /** The original GRU's gate kernels: {@code name(z, q, array[, hm], previous, n, t)}. */
    private MethodSpec.Builder gatesStep(String name, String array) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(numeric.array(), "z")
                .addParameter(numeric.array(), "q")
                .addParameter(numeric.array(), array);
        if (recurrentDropout() > 0) {
            method.addParameter(numeric.array(), "hm");
        }
        return method.addParameter(numeric.array(), "previous")
                .addParameter(int.class, "n")
                .addParameter(int.class, "t");
    }

    /** h_(t-1) where it feeds the recurrent kernel: through the state's mask where the layer drops it. */
    private CodeBlock maskedPrevious(Lane lane) {
        CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
        return recurrentDropout() > 0 ? lane.let("masked", lane.mul(before, lane.load("hm", "r * " + units() + " + j"))) : before;
    }

    /**
     * The original GRU's gates backward at step t, after the candidate's: from {@code rg =
     * dL/d(r h_(t-1))}, the reset gate's dz into its gates and q, and the share {@code rg r} of
     * dL/dh_(t-1) through the candidate's product, left in rg.
     */
    private MethodSpec gatesGradientKernel() {
        return gatesStep(names.backward() + "Gates", "rg")
                .addJavadoc("Layer '$L' at step t: dr from rg = dL/d(r h_(t-1)); rg becomes its share r rg of dL/dh_(t-1).\n",
                        layer.name())
                .addCode(overUnits(lane -> {
                    CodeBlock reset = lane.let("reset", lane.load("z", at("g", 1)));
                    CodeBlock through = lane.let("through", lane.load("rg", "r * " + units() + " + j"));
                    CodeBlock dr = lane.let("dr", lane.mul(through, maskedPrevious(lane)));
                    CodeBlock dReset = lane.let("dReset", lane.slope(true, dr, reset));
                    lane.store(dReset, "z", at("g", 1));
                    lane.store(dReset, "q", at("qr", 1));
                    lane.store(lane.mul(through, reset), "rg", "r * " + units() + " + j");
                }))
                .build();
    }

    /** One step's cell: the gates' activations and the new state. */
    private MethodSpec cellKernel() {
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.forward() + "Cell")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(numeric.array(), "z");
        if (lstm) {
            method.addParameter(numeric.array(), "c").addParameter(numeric.array(), "a");
        }
        if (resetBefore) {
            method.addParameter(numeric.array(), "q");
        } else if (gru) {
            method.addParameter(numeric.array(), "hc").addParameter(numeric.array(), "q");
        }
        method.addParameter(numeric.array(), "h")
                .addParameter(numeric.array(), "previous")
                .addParameter(int.class, "n")
                .addParameter(int.class, "t");
        if (resetBefore) {
            method.addJavadoc("Layer '$L' at step t, after its gates: g = $L(x W_h + b_h + q_h), h = z h_(t-1) + (1 - z) g; previous holds\n"
                    + "h_(t-1): the states, or the zero state at step 0.\n", layer.name(), layer.spec().activation().type());
            return method.addCode(overUnits(lane -> {
                CodeBlock cell = lane.let("cell", lane.apply(false, lane.let("zg", lane.add(lane.load("z", at("g", 2)),
                        lane.load("q", at("qr", 2))))));
                CodeBlock update = lane.let("update", lane.load("z", at("g", 0)));
                CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
                lane.store(cell, "z", at("g", 2));
                lane.store(lane.add(lane.mul(update, before), lane.mul(lane.oneMinus(update), cell)), "h", "s + j");
            })).build();
        }
        if (lstm) {
            method.addJavadoc("Layer '$L' at step t: i, f, o = $L(z), g = $L(z), c = f c_(t-1) + i g, h = o $L(c); previous holds\n"
                            + "c_(t-1): the cells, or the zero state at step 0.\n", layer.name(),
                    layer.spec().settings().recurrentActivation(), layer.spec().activation().type(), layer.spec().activation().type());
            return method.addCode(overUnits(lane -> {
                CodeBlock i = lane.let("i", lane.apply(true, lane.let("zi", lane.load("z", at("g", 0)))));
                CodeBlock f = lane.let("f", lane.apply(true, lane.let("zf", lane.load("z", at("g", 1)))));
                CodeBlock cell = lane.let("cell", lane.apply(false, lane.let("zg", lane.load("z", at("g", 2)))));
                CodeBlock o = lane.let("o", lane.apply(true, lane.let("zo", lane.load("z", at("g", 3)))));
                lane.store(i, "z", at("g", 0));
                lane.store(f, "z", at("g", 1));
                lane.store(cell, "z", at("g", 2));
                lane.store(o, "z", at("g", 3));
                CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
                CodeBlock state = lane.let("state", lane.add(lane.mul(f, before), lane.mul(i, cell)));
                lane.store(state, "c", "s + j");
                CodeBlock activated = lane.let("activated", lane.apply(false, state));
                lane.store(activated, "a", "s + j");
                lane.store(lane.mul(o, activated), "h", "s + j");
            })).build();
        }
        if (gru) {
            method.addJavadoc("Layer '$L' at step t: z, r = $L(x W + b + q), g = $L(x W_h + b_h + r q_h), h = z h_(t-1) + (1 - z) g;\n"
                            + "previous holds h_(t-1): the states, or the zero state at step 0.\n", layer.name(),
                    layer.spec().settings().recurrentActivation(), layer.spec().activation().type());
            return method.addCode(overUnits(lane -> {
                CodeBlock update = lane.let("update", lane.apply(true, lane.let("zu",
                        lane.add(lane.load("z", at("g", 0)), lane.load("q", at("qr", 0))))));
                CodeBlock reset = lane.let("reset", lane.apply(true, lane.let("zr",
                        lane.add(lane.load("z", at("g", 1)), lane.load("q", at("qr", 1))))));
                CodeBlock recurrent = lane.let("recurrent", lane.load("q", at("qr", 2)));
                CodeBlock cell = lane.let("cell", lane.apply(false, lane.let("zg", lane.add(lane.load("z", at("g", 2)),
                        lane.mul(reset, recurrent)))));
                CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
                lane.store(update, "z", at("g", 0));
                lane.store(reset, "z", at("g", 1));
                lane.store(cell, "z", at("g", 2));
                lane.store(recurrent, "hc", "s + j");
                lane.store(lane.add(lane.mul(update, before), lane.mul(lane.oneMinus(update), cell)), "h", "s + j");
            })).build();
        }
        return method.addJavadoc("Layer '$L' at step t: h = $L(z).\n", layer.name(), layer.spec().activation().type())
                .addCode(overUnits(lane -> lane.store(lane.apply(false, lane.let("zt", lane.load("z", "g + j"))), "h", "s + j")))
                .build();
    }

    /**
     * What both GRU forms do first at a step: from {@code dht}, the update gate's and the
     * candidate's dz, written over their values and the update gate's into q, and the direct share
     * {@code z dht} of dL/dh_(t-1) into dd. Returns the candidate's dz, which the form sends on.
     */
    private CodeBlock gruStep(Lane lane, CodeBlock dht) {
        CodeBlock update = lane.let("update", lane.load("z", at("g", 0)));
        CodeBlock cell = lane.let("cell", lane.load("z", at("g", 2)));
        CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
        CodeBlock du = lane.let("du", lane.mul(dht, lane.sub(before, cell)));
        CodeBlock dUpdate = lane.let("dUpdate", lane.slope(true, du, update));
        CodeBlock dg = lane.let("dg", lane.mul(dht, lane.oneMinus(update)));
        CodeBlock dCell = lane.let("dCell", lane.slope(false, dg, cell));
        lane.store(dUpdate, "z", at("g", 0));
        lane.store(dCell, "z", at("g", 2));
        lane.store(dUpdate, "q", at("qr", 0));
        lane.store(lane.mul(dht, update), "dd", "r * " + units() + " + j");
        return dCell;
    }

    /**
     * One step's cell backward: dL/dh (carried from the step after plus the layer above's for this
     * step) into the gates' dz, written over their values.
     */
    private MethodSpec cellGradientKernel() {
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.backward() + "Cell")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(numeric.array(), "z")
                .addParameter(numeric.array(), "dh")
                .addParameter(numeric.array(), "dy");
        if (lstm) {
            method.addParameter(numeric.array(), "dc").addParameter(numeric.array(), "c").addParameter(numeric.array(), "a");
        }
        if (resetBefore) {
            method.addParameter(numeric.array(), "q").addParameter(numeric.array(), "dd");
        } else if (gru) {
            method.addParameter(numeric.array(), "hc").addParameter(numeric.array(), "q").addParameter(numeric.array(), "dd");
        }
        method.addParameter(numeric.array(), "h");
        if (recurrentDropout() > 0) {
            method.addParameter(numeric.array(), "hm");
        }
        method.addParameter(numeric.array(), "previous")
                .addParameter(int.class, "n")
                .addParameter(int.class, "t");
        boolean masked = recurrentDropout() > 0;
        // the layer above's dL/dh at this step: every step's when it returns sequences, else the last's
        String own = returnsSequences() ? "s + j" : "r * " + units() + " + j";
        boolean ownEveryStep = returnsSequences();
        java.util.function.Function<Lane, CodeBlock> dhAt = lane -> {
            // carried from the step after: through the recurrent kernel (and the state's mask), and for GRU directly
            CodeBlock recurrent = lane.load("dh", "r * " + units() + " + j");
            if (masked) {
                recurrent = lane.mul(lane.let("throughKernel", recurrent), lane.load("hm", "r * " + units() + " + j"));
            }
            CodeBlock carried = lane.let("carried", gru ? lane.add(recurrent, lane.load("dd", "r * " + units() + " + j")) : recurrent);
            if (ownEveryStep) {
                return lane.let("dht", lane.add(carried, lane.load("dy", own)));
            }
            // only the last step has its own; elsewhere add nothing (read dy's row and weigh it 0)
            CodeBlock last = lane.let("last", lane.load("dy", own));
            return lane.let("dht", lane.add(carried, lane.mul(last, CodeBlock.of("atLast"))));
        };
        CodeBlock atLast = ownEveryStep ? CodeBlock.of("")
                : CodeBlock.builder().addStatement("$T atLast = t == $L - 1 ? 1 : 0", numeric.type(), steps()).build();
        if (lstm) {
            method.addJavadoc("Layer '$L' at step t: from dh and the carried dc, the gates' dz over their values; dc carried on.\n",
                    layer.name());
            return method.addCode(atLast).addCode(overUnits(lane -> {
                CodeBlock dht = dhAt.apply(lane);
                CodeBlock i = lane.let("i", lane.load("z", at("g", 0)));
                CodeBlock f = lane.let("f", lane.load("z", at("g", 1)));
                CodeBlock cell = lane.let("cell", lane.load("z", at("g", 2)));
                CodeBlock o = lane.let("o", lane.load("z", at("g", 3)));
                CodeBlock activated = lane.let("activated", lane.load("a", "s + j"));
                CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
                CodeBlock dho = lane.let("dho", lane.mul(dht, o));
                CodeBlock dct = lane.let("dct", lane.add(lane.load("dc", "r * " + units() + " + j"), lane.slope(false, dho, activated)));
                lane.store(lane.mul(dct, f), "dc", "r * " + units() + " + j");
                CodeBlock di = lane.let("di", lane.mul(dct, cell));
                CodeBlock df = lane.let("df", lane.mul(dct, before));
                CodeBlock dg = lane.let("dg", lane.mul(dct, i));
                CodeBlock dout = lane.let("dout", lane.mul(dht, activated));
                lane.store(lane.slope(true, di, i), "z", at("g", 0));
                lane.store(lane.slope(true, df, f), "z", at("g", 1));
                lane.store(lane.slope(false, dg, cell), "z", at("g", 2));
                lane.store(lane.slope(true, dout, o), "z", at("g", 3));
            })).build();
        }
        if (resetBefore) {
            method.addJavadoc("Layer '$L' at step t: dz of z and of the candidate over their values and into q, and the direct share\n"
                    + "z dh of dL/dh_(t-1) into dd; the reset gate's comes after the candidate's product.\n", layer.name());
            return method.addCode(atLast).addCode(overUnits(lane -> {
                lane.store(gruStep(lane, dhAt.apply(lane)), "q", at("qr", 2));
            })).build();
        }
        if (gru) {
            method.addJavadoc("Layer '$L' at step t: the gates' dz over their values, dL/d(h_(t-1) U + b') into q, and the direct\n"
                    + "share z dh of dL/dh_(t-1) into dd; the caller puts dq U^T into dh.\n", layer.name());
            return method.addCode(atLast).addCode(overUnits(lane -> {
                CodeBlock dCell = gruStep(lane, dhAt.apply(lane));
                CodeBlock reset = lane.let("reset", lane.load("z", at("g", 1)));
                CodeBlock dr = lane.let("dr", lane.mul(dCell, lane.load("hc", "s + j")));
                CodeBlock dReset = lane.let("dReset", lane.slope(true, dr, reset));
                lane.store(dReset, "z", at("g", 1));
                lane.store(dReset, "q", at("qr", 1));
                lane.store(lane.mul(dCell, reset), "q", at("qr", 2));
            })).build();
        }
        return method.addJavadoc("Layer '$L' at step t: dz = dh f'(h), over z.\n", layer.name())
                .addCode(atLast)
                .addCode(overUnits(lane -> {
                    CodeBlock dht = dhAt.apply(lane);
                    CodeBlock ht = lane.let("ht", lane.load("h", "s + j"));
                    lane.store(lane.slope(false, dht, ht), "z", "g + j");
                }))
                .build();
    }

    private MethodSpec backwardKernel() {
        boolean trains = layer.trains();
        String h = returnsSequences() ? "y" : "h";
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.backward())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Backward of layer '$L' through time: from dy$L; while {@code train}, writes dL/dW, dL/dU and dL/db into g$L.\n",
                        layer.name(), returnsSequences() ? " (n, steps, units)" : " (n, units)",
                        layer.needsInputGradient() ? "; writes dL/dx (n, steps, inputs) into dx" : "");
        declareBackwardHead(method);
        method.addParameter(numeric.array(), h)
                .addParameter(numeric.array(), "z");
        if (lstm) {
            method.addParameter(numeric.array(), "c").addParameter(numeric.array(), "a").addParameter(numeric.array(), "dc");
        }
        if (resetBefore) {
            method.addParameter(numeric.array(), "rs").addParameter(numeric.array(), "q").addParameter(numeric.array(), "dd")
                    .addParameter(numeric.array(), "rg");
        } else if (gru) {
            method.addParameter(numeric.array(), "hc").addParameter(numeric.array(), "q").addParameter(numeric.array(), "dd");
        }
        method.addParameter(numeric.array(), "dh")
                .addParameter(numeric.array(), "zero")
                .addParameter(numeric.array(), "x")
                .addParameter(numeric.array(), "ut");
        if (layer.mirrorsKernel()) {
            method.addParameter(numeric.array(), "wt");
        }
        addMaskParameters(method);
        declareBackwardTail(method);
        String u = units();
        String kernel = names.tensor("kernel");
        String recurrent = names.tensor("recurrent_kernel");
        String bias = names.tensor("bias");
        // the gradient each step's recurrent product gets: the gates' dz, or GRU's own in q
        String dq = gru ? "q" : "z";
        String dqRow = gru ? "r * " + columns() : "(r * " + steps() + " + t) * " + columns();
        method.addStatement("$T.fill(dh, 0, n * $L, $L)", java.util.Arrays.class, u, numeric.literal(0));
        if (lstm) {
            method.addStatement("$T.fill(dc, 0, n * $L, $L)", java.util.Arrays.class, u, numeric.literal(0));
        }
        if (gru) {
            method.addStatement("$T.fill(dd, 0, n * $L, $L)", java.util.Arrays.class, u, numeric.literal(0));
        }
        if (trains) {
            method.beginControlFlow("if (train)")
                    .addComment("every tensor's gradient is summed over the steps")
                    .addStatement("$T.fill(g, $L, $L + $L * $L, $L)", java.util.Arrays.class, kernel, kernel, names.inputs(), columns(),
                            numeric.literal(0))
                    .addStatement("$T.fill(g, $L, $L + $L * $L, $L)", java.util.Arrays.class, recurrent, recurrent, u, columns(),
                            numeric.literal(0));
            if (bias != null) {
                method.addStatement("$T.fill(g, $L, $L + $L$L, $L)", java.util.Arrays.class, bias, bias, RecurrentLayer.twoBiases(layer.spec()) ? "2 * " : "", columns(),
                        numeric.literal(0));
            }
            method.endControlFlow();
        }
        method.beginControlFlow("for (int t = $L - 1; t >= 0; t--)", steps())
                .addStatement("$L(z, dh, dy, $L$L, $Lt > 0 ? $L : zero, n, t)", names.backward() + "Cell",
                        lstm ? "dc, c, a, " : resetBefore ? "q, dd, " : gru ? "hc, q, dd, " : "", h, recurrentDropout() > 0 ? "hm, " : "",
                        lstm ? "c" : h);
        if (resetBefore) {
            method.addCode(call(names.backward() + "Candidate", "rg[r] = dq_h[r] U_h^T: dL/d(r h_(t-1)).", List.of("rg", "q", "ut"), true,
                            product(Extent.runtime("n"), "rg", "r * " + u, "q[r * " + columns() + " + 2 * " + u + " + k]", unitsExtent(), "ut",
                                    "(2 * " + u + " + k) * " + u, unitsExtent(), MatmulEmitter.Start.ZERO)))
                    .addStatement("$L(z, q, rg, $Lt > 0 ? $L : zero, n, t)", names.backward() + "Gates", recurrentDropout() > 0 ? "hm, " : "", h);
        }
        if (trains && RecurrentLayer.twoBiases(layer.spec()) && bias != null) {
            method.beginControlFlow("if (train)")
                    .addComment("db' (the bias's second row) gets every step's dq, the first step's too")
                    .beginControlFlow("for (int r = 0; r < n; r++)")
                    .beginControlFlow("for (int j = 0; j < $L; j++)", columns())
                    .addStatement("g[$L + $L + j] += q[r * $L + j]", bias, columns(), columns())
                    .endControlFlow()
                    .endControlFlow()
                    .endControlFlow();
        }
        method.beginControlFlow("if (t > 0)");
        if (trains) {
            method.beginControlFlow("if (train)")
                    .addCode(call(names.backward() + "Recurrence", "dU[i][j] += sum over samples of h[t - 1][i] dq[j]"
                                    + (resetBefore ? ", the z and r blocks." : "."),
                            recurrentArrays("g", h, dq), true,
                            product(unitsExtent(), "g", recurrent + " + r * " + columns(),
                                    previousState(h, "(k * " + steps() + " + t - 1) * " + u + " + r", "k * " + u + " + r"), Extent.runtime("n"),
                                    dq, gru ? "k * " + columns() : "(k * " + steps() + " + t) * " + columns(),
                                    resetBefore ? Extent.constant("2 * " + u, 2 * layer.units()) : columnsExtent(), MatmulEmitter.Start.from("g"))));
            if (resetBefore) {
                method.addCode(call(names.backward() + "CandidateKernel", "dU_h[i][j] += sum over samples of (r h_(t-1))[i] dq_h[j].",
                        List.of("g", "rs", "q"), true,
                        product(unitsExtent(), "g", recurrent + " + r * " + columns() + " + 2 * " + u, "rs[(k * " + steps() + " + t) * " + u + " + r]",
                                Extent.runtime("n"), "q", "k * " + columns() + " + 2 * " + u, unitsExtent(), MatmulEmitter.Start.from("g"))));
            }
            method
                    .endControlFlow();
        }
        method.addCode(call(names.backward() + "State", resetBefore
                        ? "dh[r] = rg[r] + dq_zr[r] U_zr^T, carried to step t - 1 (through the state's mask there)."
                        : "dh[r] = dq[r] U^T, carried to step t - 1 (through the state's mask there).",
                resetBefore ? List.of("dh", dq, "ut", "rg") : List.of("dh", dq, "ut"), true,
                product(Extent.runtime("n"), "dh", "r * " + u, dq + "[" + dqRow + " + k]",
                        resetBefore ? Extent.constant("2 * " + u, 2 * layer.units()) : columnsExtent(), "ut", "k * " + u, unitsExtent(),
                        resetBefore ? MatmulEmitter.Start.from("rg") : MatmulEmitter.Start.ZERO)))
                .endControlFlow()
                .endControlFlow();
        if (trains) {
            method.beginControlFlow("if (train)")
                    .addCode(call(names.backward() + "Kernel", "dW[i][j] = sum over rows of x[i] dz[j], every step at once.",
                            List.of("g", inputs(), "z"), false, product(Extent.constant(names.inputs(), layer.inputs()), "g",
                                    kernel + " + r * " + columns(), inputs() + "[k * " + names.inputs() + " + r]", sequenceRows(), "z",
                                    "k * " + columns(), columnsExtent(), MatmulEmitter.Start.from("g"))));
            if (bias != null) {
                method.addCode(call(names.backward() + "Bias", "db[j] = sum over rows of dz[j].", List.of("g", "z"), false,
                        CodeBlock.builder()
                                .add("// each column's sum in row order: the same bits at any vector width\n")
                                .beginControlFlow("for (int k = 0; k < n * $L; k++)", steps())
                                .beginControlFlow("for (int j = 0; j < $L; j++)", columns())
                                .addStatement("g[$L + j] += z[k * $L + j]", bias, columns())
                                .endControlFlow()
                                .endControlFlow()
                                .build()));
            }
            method.endControlFlow();
        }
        if (layer.needsInputGradient()) {
            method.addCode(call(names.backward() + "Input", "dx = dz W^T, every step at once.", List.of("dx", "z", "wt"), false,
                    product(sequenceRows(), "dx", "r * " + names.inputs(), "z[r * " + columns() + " + k]", columnsExtent(), "wt",
                            "k * " + names.inputs(), Extent.constant(names.inputs(), layer.inputs()), MatmulEmitter.Start.ZERO)));
            if (dropout() > 0) {
                method.addComment("through the input mask")
                        .beginControlFlow("for (int r = 0; r < n; r++)")
                        .beginControlFlow("for (int i = r * $L * $L; i < (r + 1) * $L * $L; i++)", steps(), names.inputs(), steps(),
                                names.inputs())
                        .addStatement("dx[i] *= xm[r * $L + i % $L]", names.inputs(), names.inputs())
                        .endControlFlow()
                        .endControlFlow();
            }
        }
        return method.build();
    }

    @Override
    public CodeBlock forward(String input) {
        List<String> arguments = new ArrayList<>(List.of(names.output()));
        if (!returnsSequences()) {
            arguments.add(names.buffer("states"));
        }
        arguments.add(names.buffer("gates"));
        if (lstm) {
            arguments.add(names.buffer("cells"));
            arguments.add(names.buffer("cellOutputs"));
        }
        if (gru) {
            arguments.add(names.buffer(resetBefore ? "resetStates" : "candidates"));
            arguments.add(names.buffer("recurrentProduct"));
        }
        arguments.addAll(List.of(names.buffer("zeroState"), input, "parameters"));
        addMasks(arguments);
        if (dropout() > 0 || recurrentDropout() > 0) {
            arguments.addAll(List.of("random", "training"));
        }
        arguments.add("n");
        return kernelCall(names.forward(), arguments);
    }

    /** The mask buffers, as {@link #addMaskParameters} declares them. */
    private void addMasks(List<String> arguments) {
        if (dropout() > 0) {
            arguments.addAll(List.of(names.buffer("inputMask"), names.buffer("droppedInputs")));
        }
        if (recurrentDropout() > 0) {
            arguments.add(names.buffer("recurrentMask"));
        }
    }

    @Override
    public CodeBlock backward(String dx, String dy, String input) {
        List<String> arguments = backwardHead(dx, dy);
        arguments.add(states());
        arguments.add(names.buffer("gates"));
        if (lstm) {
            arguments.addAll(List.of(names.buffer("cells"), names.buffer("cellOutputs"), names.buffer("cellGradient")));
        }
        if (resetBefore) {
            arguments.addAll(List.of(names.buffer("resetStates"), names.buffer("recurrentProduct"), names.buffer("directGradient"),
                    names.buffer("resetGradient")));
        } else if (gru) {
            arguments.addAll(List.of(names.buffer("candidates"), names.buffer("recurrentProduct"), names.buffer("directGradient")));
        }
        arguments.addAll(List.of(names.buffer("stateGradient"), names.buffer("zeroState"), input, names.buffer("recurrentT")));
        if (layer.mirrorsKernel()) {
            arguments.add(names.buffer("kernelT"));
        }
        addMasks(arguments);
        addBackwardTail(arguments, "n");
        return kernelCall(names.backward(), arguments);
    }
}
