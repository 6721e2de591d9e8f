package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.LayerPlan;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * One kind of recurrent cell (SimpleRNN, LSTM, GRU in Keras' reset-after form and in the original
 * one): its state arrays, what one step adds to the gates before the cell, the cell's arithmetic
 * forward and backward, and what the backward step does between the cell and the recurrent
 * kernel's products. {@link RecurrentEmitter} runs the time loop, the masks and the products
 * every kind shares around it; both write through {@link RecurrentParts}. A cell's arithmetic is written once over a {@link Lane} and
 * emitted on vectors of units and on the scalar tail.
 */
abstract class RecurrentCell {

    /** An array a kernel takes: its parameter's name and the workspace buffer (by role) passed to it. */
    record Array(String parameter, String buffer) {}

    final RecurrentParts parts;
    final Numeric numeric;
    final LayerPlan layer;
    final LayerNames names;

    RecurrentCell(RecurrentParts parts, Numeric numeric, LayerPlan layer, LayerNames names) {
        this.parts = parts;
        this.numeric = numeric;
        this.layer = layer;
        this.names = names;
    }

    static RecurrentCell of(RecurrentParts parts, Numeric numeric, LayerPlan layer, LayerNames names) {
        return switch (layer.kind()) {
            case SIMPLE_RNN -> new SimpleRnnCell(parts, numeric, layer, names);
            case LSTM -> new LstmCell(parts, numeric, layer, names);
            case GRU -> layer.spec().settings().resetAfter()
                    ? new GruCell(parts, numeric, layer, names)
                    : new OriginalGruCell(parts, numeric, layer, names);
            default -> throw new IllegalArgumentException(layer.kind() + " is not a recurrent layer");
        };
    }

    // ---- its state ----

    /** What its gates buffer holds, for the buffer's Javadoc. */
    abstract String gatesDoc();

    /** The buffers it keeps beyond the gates, the states, the masks and dL/dh. */
    List<FieldSpec> buffers() {
        return List.of();
    }

    /** Allocates them for {@code n} samples; the roles in {@code perStep} get {@code n * steps} rows of units. */
    void reserve(CodeBlock.Builder code, List<String> perStep) {}

    /** Its arrays the forward kernel takes after the gates. */
    List<Array> forwardArrays() {
        return List.of();
    }

    /** Its arrays the backward kernel takes after the gates. */
    List<Array> backwardArrays() {
        return List.of();
    }

    /** Its arrays of gradients carried from step to step, zeroed before the last step. */
    List<String> carried() {
        return List.of();
    }

    /** The array the cell reads the previous step's state from: h, or LSTM's cell state. */
    String previousState(String h) {
        return h;
    }

    // ---- one step ----

    /** What a forward step does before the cell: the recurrent kernel's product with h_(t-1), into the gates or apart. */
    abstract CodeBlock recurrence(String h);

    /** The kernels it adds, forward: the cell's, and any that run between its products. */
    List<MethodSpec> forwardKernels() {
        return List.of(cellKernel());
    }

    /** The kernels it adds, backward. */
    List<MethodSpec> backwardKernels() {
        return List.of(cellGradientKernel());
    }

    /** The arrays of its own the cell kernel takes, between z and h. */
    abstract List<String> cellArrays();

    /** The arrays of its own the cell's backward kernel takes, between dy and h. */
    abstract List<String> cellGradientArrays();

    /** The cell's Javadoc and arithmetic at step t. */
    abstract MethodSpec.Builder cell(MethodSpec.Builder method);

    /** The cell's backward at step t: its Javadoc and arithmetic from {@code dht}, dL/dh at the step. */
    abstract MethodSpec.Builder cellGradient(MethodSpec.Builder method, Function<Lane, CodeBlock> dht);

    /** What a backward step does after the cell and before the recurrent kernel's gradients. */
    CodeBlock afterCellGradient(String h, boolean trains) {
        return CodeBlock.of("");
    }

    /** The columns of U that multiply h_(t-1) directly, whose gradient the step's products carry. */
    Extent recurrentColumns() {
        return parts.columnsExtent();
    }

    /** The array of dL/d(h_(t-1) U) at step t: the gates' dz. */
    String recurrentGradient() {
        return "z";
    }

    /** The first index of sample {@code sample}'s row of it at step t. */
    String recurrentGradientRow(String sample) {
        return "(" + sample + " * " + steps() + " + t) * " + columns();
    }

    /** Which of U's columns {@code dU} gathers at a step, for its comment: all of them. */
    String recurrentBlocksDoc() {
        return ".";
    }

    /** What follows {@code dU} in a training step. */
    CodeBlock afterRecurrentKernelGradient() {
        return CodeBlock.of("");
    }

    /** What dL/dh_(t-1) starts from before {@code dq U^T} is added, and its comment. */
    MatmulEmitter.Start stateGradientStart() {
        return MatmulEmitter.Start.ZERO;
    }

    String stateGradientDoc() {
        return "dh[r] = dq[r] U^T, carried to step t - 1 (through the state's mask there).";
    }

    // ---- what the cells share ----

    /** SimpleRNN's and LSTM's step: {@code z[r][t] += h[r][t - 1] U}, into the gates the projection wrote. */
    CodeBlock addedToGates(String h) {
        return CodeBlock.builder()
                .beginControlFlow("if (t > 0)")
                .add(parts.call(names.forward() + "Recurrence", "z[r][t] += h[r][t - 1] U.", parts.recurrentArrays("z", h, "w"), true,
                        parts.product(Extent.runtime("n"), "z", "(r * " + steps() + " + t) * " + columns(),
                                parts.maskedState(h, "(r * " + steps() + " + t - 1) * " + units() + " + k", "r * " + units() + " + k"),
                                parts.unitsExtent(), "w", names.tensor("recurrent_kernel") + " + k * " + columns(), parts.columnsExtent(),
                                MatmulEmitter.Start.from("z"))))
                .endControlFlow()
                .build();
    }

    /** The forward cell kernel: {@code name(z, arrays..., h, previous, n, t)}. */
    MethodSpec cellKernel() {
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.forward() + "Cell")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(numeric.array(), "z");
        for (String array : cellArrays()) {
            method.addParameter(numeric.array(), array);
        }
        method.addParameter(numeric.array(), "h")
                .addParameter(numeric.array(), "previous")
                .addParameter(int.class, "n")
                .addParameter(int.class, "t");
        return cell(method).build();
    }

    /**
     * One step's cell backward: dL/dh (carried from the step after plus the layer above's for this
     * step) into the gates' dz, written over their values.
     */
    MethodSpec cellGradientKernel() {
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.backward() + "Cell")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(numeric.array(), "z")
                .addParameter(numeric.array(), "dh")
                .addParameter(numeric.array(), "dy");
        for (String array : cellGradientArrays()) {
            method.addParameter(numeric.array(), array);
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
        boolean ownEveryStep = layer.outputSteps() > 0;
        String own = ownEveryStep ? "s + j" : "r * " + units() + " + j";
        Function<Lane, CodeBlock> dhAt = lane -> {
            // carried from the step after: through the recurrent kernel (and the state's mask), and for GRU directly
            CodeBlock recurrent = lane.load("dh", "r * " + units() + " + j");
            if (masked) {
                recurrent = lane.mul(lane.let("throughKernel", recurrent), lane.load("hm", "r * " + units() + " + j"));
            }
            CodeBlock carried = lane.let("carried", carriesDirectly() ? lane.add(recurrent, lane.load("dd", "r * " + units() + " + j"))
                    : recurrent);
            if (ownEveryStep) {
                return lane.let("dht", lane.add(carried, lane.load("dy", own)));
            }
            // only the last step has its own; elsewhere add nothing (read dy's row and weigh it 0)
            CodeBlock last = lane.let("last", lane.load("dy", own));
            return lane.let("dht", lane.add(carried, lane.mul(last, CodeBlock.of("atLast"))));
        };
        if (!ownEveryStep) {
            method.addStatement("$T atLast = t == $L - 1 ? 1 : 0", numeric.type(), steps());
        }
        return cellGradient(method, dhAt).build();
    }

    /** Whether a share of dL/dh_(t-1) skips the recurrent kernel (GRU's {@code z dh}, in dd). */
    boolean carriesDirectly() {
        return false;
    }

    /**
     * For every row of step {@code t}: the indices {@code g} (its gates), {@code s} (its state)
     * and {@code p} (the previous step's state, in {@code previous}: the zero state at step 0),
     * then {@code cell} over the units, on vectors and then on the scalar tail.
     */
    CodeBlock overUnits(Consumer<Lane> cell) {
        Lane vector = Lane.vector(numeric, layer);
        cell.accept(vector);
        Lane scalar = Lane.scalar(numeric, layer);
        cell.accept(scalar);
        CodeBlock.Builder code = CodeBlock.builder()
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L + t", steps())
                .addStatement("int g = row * $L", columns())
                .addStatement("int s = row * $L", units())
                .addStatement("int p = t > 0 ? s - $L : 0", units());
        if (carriesDirectly()) {
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

    /** Unit j of gate {@code block} from {@code base}. */
    String at(String base, int block) {
        return block == 0 ? base + " + j" : base + " + " + (block == 1 ? "" : block + " * ") + units() + " + j";
    }

    String units() {
        return parts.units();
    }

    String columns() {
        return parts.columns();
    }

    String steps() {
        return parts.steps();
    }

    double recurrentDropout() {
        return parts.recurrentDropout();
    }
}
