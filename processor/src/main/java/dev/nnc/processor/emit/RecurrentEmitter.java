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
 * The time loop of SimpleRNN, LSTM and GRU over a sequence laid out {@code [n][steps][width]},
 * batch first as Keras; each kind's cell ({@link RecurrentCell}) says what a step does.
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
 * <p>Dropout (inputs) and recurrent dropout ({@code h_(t-1)} where it feeds the recurrent kernel)
 * draw one mask per sample and batch in training, the same at every step, as Keras. Every product
 * is a method of its own ({@link RecurrentParts#call}) around the one product generator.
 */
public final class RecurrentEmitter extends LayerEmitterBase {

    private final RecurrentParts parts;
    private final RecurrentCell cell;

    public RecurrentEmitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        super(numeric, layer, names);
        this.parts = new RecurrentParts(numeric, layer, names);
        this.cell = RecurrentCell.of(parts, numeric, layer, names);
    }

    private double dropout() {
        return layer.spec().settings().dropout();
    }

    private double recurrentDropout() {
        return parts.recurrentDropout();
    }

    /** The inputs the backward pass reads (which follows a training pass): the masked copy where the layer drops inputs. */
    private String inputs() {
        return dropout() > 0 ? "xs" : "x";
    }

    private boolean returnsSequences() {
        return layer.outputSteps() > 0;
    }

    /** The buffer of every step's h: the output itself when the layer returns sequences. */
    private String states() {
        return returnsSequences() ? names.output() : names.buffer("states");
    }

    private String steps() {
        return parts.steps();
    }

    private String units() {
        return parts.units();
    }

    private String columns() {
        return parts.columns();
    }

    @Override
    public List<FieldSpec> buffers() {
        List<FieldSpec> buffers = new ArrayList<>();
        buffers.add(parts.buffer("gates", cell.gatesDoc()));
        if (!returnsSequences()) {
            buffers.add(parts.buffer("states", "h of every step, (capacity * steps, units)."));
        }
        if (dropout() > 0) {
            buffers.add(parts.buffer("inputMask", "input dropout mask of the last training pass, (capacity, inputs): the same at every step."));
            buffers.add(parts.buffer("droppedInputs", "the inputs times their mask, (capacity * steps, inputs), as the last training pass read them."));
        }
        if (recurrentDropout() > 0) {
            buffers.add(parts.buffer("recurrentMask", "mask of h_(t-1) where it feeds the recurrent kernel, (capacity, units): the last"
                    + " training pass's, all ones in inference."));
        }
        buffers.addAll(cell.buffers());
        buffers.add(parts.buffer("stateGradient", "dL/dh carried back to the step before, (capacity, units)."));
        buffers.add(parts.buffer("zeroState", "the state before the first step: zeros, (units), never written."));
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
        if (dropout() > 0) {
            code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("inputMask"), numeric.type(), Types.CHECKS, names.inputs());
            code.addStatement("$L = new $T[$T.workspace(n * $L, $L)]", names.buffer("droppedInputs"), numeric.type(), Types.CHECKS, steps(),
                    names.inputs());
        }
        if (recurrentDropout() > 0) {
            code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("recurrentMask"), numeric.type(), Types.CHECKS, units());
        }
        cell.reserve(code, perStep);
        for (String buffer : perStep) {
            code.addStatement("$L = new $T[$T.workspace(n * $L, $L)]", names.buffer(buffer), numeric.type(), Types.CHECKS, steps(), units());
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
                            layer.name(), parts.columnCount(), layer.units())
                    .build());
        }
        if (layer.mirrorsKernel()) {
            fields.add(FieldSpec.builder(numeric.array(), names.buffer("kernelT"), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Layer '$L' kernel transposed, [$L][$L], for dx = dz W^T; kept in step with the parameters.\n",
                            layer.name(), parts.columnCount(), layer.inputs())
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
        List<MethodSpec> kernels = new ArrayList<>();
        kernels.add(forwardKernel());
        kernels.addAll(cell.forwardKernels());
        if (layer.needsBackward()) {
            kernels.add(backwardKernel());
            kernels.addAll(cell.backwardKernels());
        }
        kernels.addAll(parts.takeMethods());
        return kernels;
    }

    /** Every step of every sample: {@code n * steps} rows. */
    private Extent sequenceRows() {
        return Extent.runtime("n * " + steps());
    }

    /** {@code arrays} as the leading arguments of a call: each followed by a comma. */
    private static String arrays(List<String> arrays) {
        return arrays.stream().map(array -> array + ", ").collect(java.util.stream.Collectors.joining());
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
        for (RecurrentCell.Array array : cell.forwardArrays()) {
            method.addParameter(numeric.array(), array.parameter());
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
        method.addCode(parts.call(names.forward() + "Projection", "z[r][t] = x[r][t] W + b, every step at once.", List.of("z", projected, "w"), false,
                parts.product(sequenceRows(), "z", "r * " + columns(), projected + "[r * " + names.inputs() + " + k]",
                        Extent.constant(names.inputs(), layer.inputs()), "w", names.tensor("kernel") + " + k * " + columns(), parts.columnsExtent(),
                        bias == null ? MatmulEmitter.Start.ZERO : parts.fromParameters(bias))))
                .beginControlFlow("for (int t = 0; t < $L; t++)", steps());
        method.addCode(cell.recurrence(h));
        method.addStatement("$L(z, $L$L, t > 0 ? $L : zero, n, t)", names.forward() + "Cell", arrays(cell.cellArrays()), h,
                        cell.previousState(h))
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
        for (RecurrentCell.Array array : cell.backwardArrays()) {
            method.addParameter(numeric.array(), array.parameter());
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
        String dq = cell.recurrentGradient();
        method.addStatement("$T.fill(dh, 0, n * $L, $L)", java.util.Arrays.class, u, numeric.literal(0));
        for (String carried : cell.carried()) {
            method.addStatement("$T.fill($L, 0, n * $L, $L)", java.util.Arrays.class, carried, u, numeric.literal(0));
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
                        arrays(cell.cellGradientArrays()), h, recurrentDropout() > 0 ? "hm, " : "", cell.previousState(h))
                .addCode(cell.afterCellGradient(h, trains))
                .beginControlFlow("if (t > 0)");
        if (trains) {
            Extent blocks = cell.recurrentColumns();
            method.beginControlFlow("if (train)")
                    .addCode(parts.call(names.backward() + "Recurrence", "dU[i][j] += sum over samples of h[t - 1][i] dq[j]"
                                    + cell.recurrentBlocksDoc(),
                            parts.recurrentArrays("g", h, dq), true,
                            parts.product(parts.unitsExtent(), "g", recurrent + " + r * " + columns(),
                                    parts.maskedState(h, "(k * " + steps() + " + t - 1) * " + u + " + r", "k * " + u + " + r"), Extent.runtime("n"),
                                    dq, cell.recurrentGradientRow("k"), blocks, MatmulEmitter.Start.from("g"))))
                    .addCode(cell.afterRecurrentKernelGradient())
                    .endControlFlow();
        }
        MatmulEmitter.Start start = cell.stateGradientStart();
        List<String> stateArrays = new ArrayList<>(List.of("dh", dq, "ut"));
        if (start.kind() == MatmulEmitter.Start.Kind.FROM) {
            stateArrays.add(start.array());
        }
        method.addCode(parts.call(names.backward() + "State", cell.stateGradientDoc(), stateArrays, true,
                parts.product(Extent.runtime("n"), "dh", "r * " + u, dq + "[" + cell.recurrentGradientRow("r") + " + k]",
                        cell.recurrentColumns(), "ut", "k * " + u, parts.unitsExtent(), start)))
                .endControlFlow()
                .endControlFlow();
        if (trains) {
            method.beginControlFlow("if (train)")
                    .addCode(parts.call(names.backward() + "Kernel", "dW[i][j] = sum over rows of x[i] dz[j], every step at once.",
                            List.of("g", inputs(), "z"), false, parts.product(Extent.constant(names.inputs(), layer.inputs()), "g",
                                    kernel + " + r * " + columns(), inputs() + "[k * " + names.inputs() + " + r]", sequenceRows(), "z",
                                    "k * " + columns(), parts.columnsExtent(), MatmulEmitter.Start.from("g"))));
            if (bias != null) {
                method.addCode(parts.call(names.backward() + "Bias", "db[j] = sum over rows of dz[j].", List.of("g", "z"), false,
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
            method.addCode(parts.call(names.backward() + "Input", "dx = dz W^T, every step at once.", List.of("dx", "z", "wt"), false,
                    parts.product(sequenceRows(), "dx", "r * " + names.inputs(), "z[r * " + columns() + " + k]", parts.columnsExtent(), "wt",
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
        for (RecurrentCell.Array array : cell.forwardArrays()) {
            arguments.add(names.buffer(array.buffer()));
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
        for (RecurrentCell.Array array : cell.backwardArrays()) {
            arguments.add(names.buffer(array.buffer()));
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
