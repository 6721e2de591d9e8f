package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.annotations.ActivationType;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.emit.ActivationEmitter.Reads;
import dev.nnc.processor.spec.ActivationSpec;
import dev.nnc.processor.spec.InitializerSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A Dense layer's forward and backward passes, side by side, with the bias and activation fused
 * into the matmul epilogue and the activation's derivative fused into the backward loop. The
 * kernel {@code W} is {@code [in][out]} (Keras' layout): a batch's forward product then runs along
 * contiguous rows of W, the fast way for vectors.
 */
final class DenseEmitter {

    /** Bytes of W one block of the forward product reads: most of a 48 KiB L1 data cache. */
    static final int BLOCK_BYTES = 32 * 1024;

    /**
     * Inputs per block of the forward product, so the block's rows of W (all units) stay in L1
     * while every row tile of the batch reads them; at least 16 inputs per block.
     */
    static int depthBlock(LayerPlan layer) {
        return Math.max(16, BLOCK_BYTES / (4 * layer.units()));
    }

    private final Numeric numeric;
    private final ActivationEmitter activations;
    private final MatmulEmitter matmul;

    DenseEmitter(Numeric numeric) {
        this.numeric = numeric;
        this.activations = new ActivationEmitter(numeric);
        this.matmul = new MatmulEmitter(numeric);
    }

    /** {@code y = f(x · W + b)} for {@code n} samples, into the layer's output workspace. */
    MethodSpec forward(LayerPlan layer, LayerNames names) {
        ActivationSpec activation = layer.spec().activation();
        boolean rowWise = ActivationEmitter.isRowWise(activation);
        ActivationEmitter.Form form = rowWise ? null : activations.of(activation);
        boolean fused = form != null && form.fused();
        String in = names.inputs();
        String out = names.units();
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.forward())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Layer '$L', Dense $L -> $L, $L: reads x (n, $L) and the weights w, writes y (n, $L)$L.\n",
                        layer.name(), layer.inputs(), layer.units(), activation.type(), layer.inputs(), layer.units(),
                        keepsPreActivation(layer) ? " and the pre-activation z" : "")
                .addParameter(numeric.array(), "y");
        if (keepsPreActivation(layer)) {
            method.addParameter(numeric.array(), "z");
        }
        method.addParameter(numeric.array(), "x")
                .addParameter(numeric.array(), "w");
        if (forwardReadsMirror(layer)) {
            method.addParameter(numeric.array(), "wt");
        }
        method.addParameter(int.class, "n");
        // the product writes f(z) when f is fused, else z: into y, or into z when the derivative needs it kept
        String product = keepsPreActivation(layer) ? "z" : "y";
        java.util.function.Function<CodeBlock, CodeBlock> scalarFinish =
                fused ? acc -> form.fusedScalar().emit(null, parenthesised(acc).toString()) : acc -> acc;
        String bias = layer.hasBias() ? " + b[j]" : "";
        method.addComment("$L[r][j] = $L(sum_k x[r][k] * W[k][j]$L)", product, fused ? form.mathName() : "", bias);
        if (layer.units() == 1) {
            // one unit: W [in][1] is already the row a dot product reads
            method.addCode(matmul.dot(new MatmulEmitter.Dot(
                    Extent.runtime("n"), "r", 4,
                    Extent.constant(out, 1), "j", 1,
                    Extent.constant(in, layer.inputs()), "k",
                    "x", row -> CodeBlock.of("$L * $L", row, in),
                    "w", column -> CodeBlock.of("$L", names.kernel()),
                    (sum, row, column) -> scalarFinish.apply(layer.hasBias()
                            ? CodeBlock.of("$L + w[$L]", sum, names.bias()) : sum),
                    product, (row, column) -> CodeBlock.of("$L", row))));
        } else if (forwardReadsMirror(layer)) {
            method.addComment("few units: dot products along the inputs, with W^T's rows, fill every lane");
            method.addCode(matmul.dot(new MatmulEmitter.Dot(
                    Extent.runtime("n"), "r", 4,
                    Extent.constant(out, layer.units()), "j", 2,
                    Extent.constant(in, layer.inputs()), "k",
                    "x", row -> CodeBlock.of("$L * $L", row, in),
                    "wt", column -> CodeBlock.of("$L * $L", column, in),
                    (sum, row, column) -> scalarFinish.apply(layer.hasBias()
                            ? CodeBlock.of("$L + w[$L + $L]", sum, names.bias(), column) : sum),
                    product, (row, column) -> CodeBlock.of("$L * $L + $L", row, out, column))));
        } else {
            method.addCode(matmul.broadcast(new MatmulEmitter.Broadcast(
                    Extent.runtime("n"), "r",
                    Extent.constant(out, layer.units()), "j",
                    Extent.constant(in, layer.inputs()), "k", depthBlock(layer),
                    (row, k) -> CodeBlock.of("x[$L * $L + $L]", row, in, k),
                    "w", (k, column) -> CodeBlock.of("$L + $L * $L + $L", names.kernel(), k, out, column),
                    column -> layer.hasBias()
                            ? CodeBlock.of("$T.fromArray(SPECIES, w, $L + $L)", numeric.vector(), names.bias(), column)
                            : CodeBlock.of("$T.zero(SPECIES)", numeric.vector()),
                    column -> layer.hasBias() ? CodeBlock.of("w[$L + $L]", names.bias(), column) : CodeBlock.of(numeric.literal(0)),
                    fused ? acc -> form.fusedVector().emit(null, acc.toString()) : acc -> acc,
                    scalarFinish,
                    product, (row, column) -> CodeBlock.of("$L * $L + $L", row, out, column))));
        }
        if (rowWise) {
            method.addCode(activation.type() == ActivationType.SOFTMAX ? softmaxRows(out) : logSoftmaxRows(out));
        } else if (activation.learnsAlpha()) {
            method.addCode(preluRows(names));
        } else if (!fused) {
            method.addCode(activationPass(form, product, out));
        }
        return method.build();
    }

    /**
     * {@code y = f(z)} over the whole batch in whole vectors: the workspaces carry a vector of slack
     * past {@code n * units}, so there is no tail, and a narrow layer fills every lane too.
     */
    private CodeBlock activationPass(ActivationEmitter.Form form, String source, String out) {
        CodeBlock.Builder body = CodeBlock.builder()
                .addStatement("$T zv = $T.fromArray(SPECIES, $L, i)", numeric.vector(), numeric.vector(), source);
        CodeBlock y = form.pass().emit(body, "zv");
        body.addStatement("$L.intoArray(y, i)", y);
        return CodeBlock.builder()
                .add("// y = $L(z) over the batch, whole vectors into the workspace's slack\n", form.mathName())
                .beginControlFlow("for (int i = 0; i < n * $L; i += LANES)", out)
                .add(body.build())
                .endControlFlow()
                .build();
    }

    /** {@code y = z >= 0 ? z : alpha[j] z}, row by row, with the layer's learned slopes read from w. */
    private CodeBlock preluRows(LayerNames names) {
        return CodeBlock.builder()
                .add("// y[r][j] = z[r][j] >= 0 ? z[r][j] : alpha[j] * z[r][j], alpha learned per unit\n")
                .add(unitRows(names.units(),
                        CodeBlock.builder()
                                .addStatement("$T zv = $T.fromArray(SPECIES, z, row + j)", numeric.vector(), numeric.vector())
                                .addStatement("zv.blend(zv.mul($T.fromArray(SPECIES, w, $L + j)), zv.compare($T.LT, $L)).intoArray(y, row + j)",
                                        numeric.vector(), names.alpha(), Types.VECTOR_OPERATORS, numeric.literal(0))
                                .build(),
                        CodeBlock.builder()
                                .addStatement("$T zj = z[row + j]", numeric.type())
                                .addStatement("y[row + j] = zj < $L ? w[$L + j] * zj : zj", numeric.literal(0), names.alpha())
                                .build()))
                .build();
    }

    /** PReLU's slope gradient, before dy becomes dz: {@code dalpha[j] = sum_r dy[r][j] min(z[r][j], 0)}. */
    private CodeBlock preluSlopeGradient(LayerNames names) {
        return unitGradient("dalpha[j] = sum_r dy[r][j] * min(z[r][j], 0)", names.units(), names.alpha(),
                CodeBlock.of("$T.fromArray(SPECIES, dy, row + j).mul($T.fromArray(SPECIES, z, row + j).min($L))",
                        numeric.vector(), numeric.vector(), numeric.literal(0)),
                CodeBlock.of("dy[row + j] * Math.min(z[row + j], $L)", numeric.literal(0)));
    }

    /** {@code g[offset + j] = sum_r term}: a per-unit gradient (a bias, PReLU's slopes), overwriting. */
    private CodeBlock unitGradient(String math, String out, String offset, CodeBlock vectorTerm, CodeBlock scalarTerm) {
        return CodeBlock.builder()
                .add("// $L\n", math)
                .addStatement("$T.fill(g, $L, $L + $L, $L)", java.util.Arrays.class, offset, offset, out, numeric.literal(0))
                .add(unitRows(out,
                        CodeBlock.builder()
                                .addStatement("$L.add($T.fromArray(SPECIES, g, $L + j)).intoArray(g, $L + j)", vectorTerm, numeric.vector(),
                                        offset, offset)
                                .build(),
                        CodeBlock.builder().addStatement("g[$L + j] += $L", offset, scalarTerm).build()))
                .build();
    }

    /** PReLU's derivative, in place: {@code dz = dy * (z > 0 ? 1 : alpha[j])}. */
    private CodeBlock preluDerivative(LayerNames names) {
        return CodeBlock.builder()
                .add("// dz = dy * (z > 0 ? 1 : alpha[j])\n")
                .add(unitRows(names.units(),
                        CodeBlock.builder()
                                .addStatement("$T dyv = $T.fromArray(SPECIES, dy, row + j)", numeric.vector(), numeric.vector())
                                .addStatement("dyv.blend(dyv.mul($T.fromArray(SPECIES, w, $L + j)), $T.fromArray(SPECIES, z, row + j).compare($T.LE, $L)).intoArray(dy, row + j)",
                                        numeric.vector(), names.alpha(), numeric.vector(), Types.VECTOR_OPERATORS, numeric.literal(0))
                                .build(),
                        CodeBlock.builder()
                                .addStatement("dy[row + j] = z[row + j] > $L ? dy[row + j] : dy[row + j] * w[$L + j]", numeric.literal(0), names.alpha())
                                .build()))
                .build();
    }

    /**
     * {@code for r: for j over the units}, vectorised along j with a scalar tail: the shape of the
     * row passes that read a per-unit parameter (bias gradient, PReLU). {@code vector} and
     * {@code scalar} are the bodies, with {@code row} and {@code j} in scope.
     */
    private static CodeBlock unitRows(String out, CodeBlock vector, CodeBlock scalar) {
        return CodeBlock.builder()
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", out)
                .addStatement("int j = 0")
                .beginControlFlow("for (; j < SPECIES.loopBound($L); j += LANES)", out)
                .add(vector)
                .endControlFlow()
                .beginControlFlow("for (; j < $L; j++)", out)
                .add(scalar)
                .endControlFlow()
                .endControlFlow()
                .build();
    }


    private static CodeBlock parenthesised(CodeBlock expression) {
        String text = expression.toString();
        return text.matches("[A-Za-z_][A-Za-z0-9_]*") ? expression : CodeBlock.of("($L)", expression);
    }

    /**
     * Softmax over each row of {@code y}, shifted by the row's maximum so exp never overflows. The
     * exponentials run over the whole batch at once: a row of ten classes alone would leave most
     * of a vector empty and fall to scalar {@code Math.exp}, which cost more than the layer's product.
     */
    private CodeBlock softmaxRows(String out) {
        String type = numeric.type().toString();
        return CodeBlock.builder()
                .add("// softmax over each sample: y[r][j] = exp(z[r][j] - max z[r]) / sum_k exp(z[r][k] - max z[r])\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", out)
                .addStatement("$L max = y[row]", type)
                .beginControlFlow("for (int j = 1; j < $L; j++)", out)
                .addStatement("max = Math.max(max, y[row + j])")
                .endControlFlow()
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("y[row + j] -= max")
                .endControlFlow()
                .endControlFlow()
                .addStatement("int i = 0")
                .beginControlFlow("for (; i < SPECIES.loopBound(n * $L); i += LANES)", out)
                .addStatement("$T.fromArray(SPECIES, y, i).lanewise($T.EXP).intoArray(y, i)", numeric.vector(), Types.VECTOR_OPERATORS)
                .endControlFlow()
                .beginControlFlow("for (; i < n * $L; i++)", out)
                .addStatement("y[i] = $LMath.exp(y[i])", numeric.narrow())
                .endControlFlow()
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", out)
                .addStatement("$L sum = 0", type)
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("sum += y[row + j]")
                .endControlFlow()
                .addStatement("$L scale = $L / sum", type, numeric.literal(1))
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("y[row + j] *= scale")
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** Log-softmax over each row of {@code y}: {@code y[r][j] = z[r][j] - max z[r] - log(sum_k exp(z[r][k] - max z[r]))}. */
    private CodeBlock logSoftmaxRows(String out) {
        String type = numeric.type().toString();
        return CodeBlock.builder()
                .add("// log-softmax over each sample: y[r][j] = z[r][j] - max z[r] - log(sum_k exp(z[r][k] - max z[r]))\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", out)
                .addStatement("$L max = y[row]", type)
                .beginControlFlow("for (int j = 1; j < $L; j++)", out)
                .addStatement("max = Math.max(max, y[row + j])")
                .endControlFlow()
                .addStatement("double sum = 0")
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("sum += Math.exp(y[row + j] - max)")
                .endControlFlow()
                .addStatement("double shift = max + Math.log(sum)")
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("y[row + j] = $L(y[row + j] - shift)", numeric.narrow())
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /**
     * The backward pass. On entry {@code dy} holds dL/dy (or already dL/dz when the loss fused the
     * activation's derivative); it is turned into dL/dz in place. Writes dL/dW and dL/db into the
     * gradients (overwriting) and, unless this is the first layer, dL/dx into {@code dx}.
     */
    List<MethodSpec> backward(LayerPlan layer, LayerNames names, boolean gradientIsAtPreActivation) {
        ActivationSpec activation = layer.spec().activation();
        Reads reads = derivativeReads(layer, gradientIsAtPreActivation);
        boolean trains = layer.trainable();
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.backward())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Backward of layer '$L': dy (n, $L) holds dL/dy on entry and dL/dz on exit", layer.name(), layer.units())
                .addJavadoc(trains ? CodeBlock.of("; while {@code train}, writes dL/dW$L into g", layer.hasBias() ? " and dL/db" : "")
                        : CodeBlock.of("; the layer is frozen, so it has no gradient of its own"))
                .addJavadoc(layer.needsInputGradient()
                        ? CodeBlock.of("; writes dL/dx (n, $L) into dx.\n", layer.inputs())
                        : CodeBlock.of(".\n"));
        if (layer.needsInputGradient()) {
            method.addParameter(numeric.array(), "dx");
        }
        if (trains) {
            method.addParameter(numeric.array(), "g");
        }
        method.addParameter(numeric.array(), "dy");
        if (reads == Reads.OUTPUT) {
            method.addParameter(numeric.array(), "y");
        } else if (reads == Reads.PRE_ACTIVATION) {
            method.addParameter(numeric.array(), "z");
        }
        method.addParameter(numeric.array(), "x");
        if (backwardReadsParameters(layer)) {
            method.addParameter(numeric.array(), "w");
        }
        if (backwardReadsMirror(layer)) {
            method.addParameter(numeric.array(), "wt");
        }
        method.addParameter(int.class, "n");
        if (trains) {
            method.addParameter(boolean.class, "train");
        }
        if (trains && !layer.needsInputGradient()) {
            // nothing flows past this layer: frozen at run time, it has nothing left to do
            method.beginControlFlow("if (!train)").addStatement("return").endControlFlow();
        }
        if (trains && layer.hasAlpha()) {
            method.beginControlFlow("if (train)").addCode(preluSlopeGradient(names)).endControlFlow();
        }
        if (reads != Reads.NOTHING) {
            method.addCode(ActivationEmitter.isRowWise(activation) ? rowWiseGradient(activation, names)
                    : activation.learnsAlpha() ? preluDerivative(names)
                    : derivativePass(activations.of(activation), reads, names));
        }
        List<MethodSpec> methods = new ArrayList<>();
        methods.add(null);
        if (trains) {
            method.beginControlFlow("if (train)");
            if (layer.hasBias()) {
                method.addCode(biasGradient(names));
            }
            method.addStatement("$L(g, dy, x, n)", names.weightGradient()).endControlFlow();
            methods.add(weightGradient(layer, names));
        }
        if (layer.needsInputGradient()) {
            method.addStatement("$L(dx, dy, $L, n)", names.inputGradient(), backwardReadsMirror(layer) ? "wt" : "w");
            methods.add(inputGradient(layer, names));
        }
        methods.set(0, method.build());
        return methods;
    }

    /** What layer's backward pass reads for its activation's derivative: nothing when the loss fused it in. */
    Reads derivativeReads(LayerPlan layer, boolean gradientIsAtPreActivation) {
        ActivationSpec activation = layer.spec().activation();
        if (gradientIsAtPreActivation) {
            return Reads.NOTHING;
        }
        return ActivationEmitter.isRowWise(activation) ? Reads.OUTPUT : activations.of(activation).reads();
    }

    /** Whether the forward pass keeps z beside y, because the derivative needs it. */
    boolean keepsPreActivation(LayerPlan layer) {
        ActivationSpec activation = layer.spec().activation();
        return !ActivationEmitter.isRowWise(activation) && activations.of(activation).reads() == Reads.PRE_ACTIVATION;
    }

    /** {@code dz = dy * f'(v)} in place, over the batch in whole vectors (the workspaces carry slack). */
    private CodeBlock derivativePass(ActivationEmitter.Form form, Reads reads, LayerNames names) {
        String v = reads == Reads.OUTPUT ? "y" : "z";
        CodeBlock.Builder body = CodeBlock.builder()
                .addStatement("$T dyv = $T.fromArray(SPECIES, dy, i)", numeric.vector(), numeric.vector())
                .addStatement("$T $Lv = $T.fromArray(SPECIES, $L, i)", numeric.vector(), v, numeric.vector(), v);
        CodeBlock dz = form.derivative().emit(body, "dyv", v + "v");
        body.addStatement("$L.intoArray(dy, i)", dz);
        return CodeBlock.builder()
                .add("// dz = dy * $L'($L) in place, whole vectors into the workspace's slack\n", form.mathName(), v)
                .beginControlFlow("for (int i = 0; i < n * $L; i += LANES)", names.units())
                .add(body.build())
                .endControlFlow()
                .build();
    }

    /*
     * The two products of the backward pass are methods of their own: with the wide and the
     * narrow tile each, one method holding both grew past 5,000 bytecodes, where C1 gave up
     * ("out of virtual registers") and a test JVM sometimes ran the method interpreted, boxing
     * every vector.
     */

    /** {@code dW = x^T · dz} into the gradients. */
    private MethodSpec weightGradient(LayerPlan layer, LayerNames names) {
        String in = names.inputs();
        String out = names.units();
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.weightGradient())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Layer '$L': dL/dW = x^T · dz, from x (n, $L) and dz (n, $L), into g.\n", layer.name(), layer.inputs(), layer.units())
                .addParameter(numeric.array(), "g")
                .addParameter(numeric.array(), "dy")
                .addParameter(numeric.array(), "x")
                .addParameter(int.class, "n")
                .addComment("dW[k][j] = sum_r x[r][k] * dz[r][j]");
        if (layer.units() == 1) {
            method.addCode(matmul.broadcast(new MatmulEmitter.Broadcast(
                    Extent.constant("1", 1), "i",
                    Extent.constant(in, layer.inputs()), "k",
                    Extent.runtime("n"), "r", 0,
                    (i, r) -> CodeBlock.of("dy[$L]", r),
                    "x", (r, k) -> CodeBlock.of("$L * $L + $L", r, in, k),
                    k -> CodeBlock.of("$T.zero(SPECIES)", numeric.vector()),
                    k -> CodeBlock.of(numeric.literal(0)),
                    acc -> acc, acc -> acc,
                    "g", (i, k) -> CodeBlock.of("$L + $L", names.kernel(), k))));
        } else {
            method.addCode(matmul.broadcast(new MatmulEmitter.Broadcast(
                    Extent.constant(in, layer.inputs()), "k",
                    Extent.constant(out, layer.units()), "j",
                    Extent.runtime("n"), "r", 0,
                    (k, r) -> CodeBlock.of("x[$L * $L + $L]", r, in, k),
                    "dy", (r, column) -> CodeBlock.of("$L * $L + $L", r, out, column),
                    column -> CodeBlock.of("$T.zero(SPECIES)", numeric.vector()),
                    column -> CodeBlock.of(numeric.literal(0)),
                    acc -> acc, acc -> acc,
                    "g", (k, column) -> CodeBlock.of("$L + $L * $L + $L", names.kernel(), k, out, column))));
        }
        return method.build();
    }

    /** {@code dx = dz · W^T}, reading W^T's rows from the mirror (or W itself, with one unit). */
    private MethodSpec inputGradient(LayerPlan layer, LayerNames names) {
        String in = names.inputs();
        String out = names.units();
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.inputGradient())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Layer '$L': dL/dx = dz · W^T, from dz (n, $L), into dx (n, $L).\n", layer.name(), layer.units(), layer.inputs())
                .addParameter(numeric.array(), "dx")
                .addParameter(numeric.array(), "dy")
                .addParameter(numeric.array(), backwardReadsMirror(layer) ? "wt" : "w")
                .addParameter(int.class, "n");
        // With W^T, dx is a broadcast product along contiguous rows like the forward one; as dot
        // products along W's rows it would end in one reduceLanes per value, which dominate when a
        // layer has few units.
        boolean transposes = backwardReadsMirror(layer);
        method.addComment("dx[r][k] = sum_j dz[r][j] * W[k][j]");
        method.addCode(matmul.broadcast(new MatmulEmitter.Broadcast(
                Extent.runtime("n"), "r",
                Extent.constant(in, layer.inputs()), "k",
                Extent.constant(out, layer.units()), "j", 0,
                (r, j) -> CodeBlock.of("dy[$L * $L + $L]", r, out, j),
                transposes ? "wt" : "w",
                transposes ? (j, k) -> CodeBlock.of("$L * $L + $L", j, in, k) : (j, k) -> CodeBlock.of("$L + $L", names.kernel(), k),
                k -> CodeBlock.of("$T.zero(SPECIES)", numeric.vector()),
                k -> CodeBlock.of(numeric.literal(0)),
                acc -> acc, acc -> acc,
                "dx", (r, k) -> CodeBlock.of("$L * $L + $L", r, in, k))));
        return method.build();
    }

    /**
     * Below this many units the forward pass reads W^T: the broadcast product would leave most of
     * a 16-lane vector empty and run in its scalar tail. A constant, not the lane count, so the
     * generated code and its buffers are the same on every machine.
     */
    static final int NARROW_UNITS = 16;

    /** Whether the forward pass computes dot products with the rows of the mirror W^T. */
    static boolean forwardReadsMirror(LayerPlan layer) {
        return layer.units() > 1 && layer.units() < NARROW_UNITS;
    }

    /** Whether the backward pass reads the mirror W^T for dL/dx. */
    static boolean backwardReadsMirror(LayerPlan layer) {
        return layer.needsInputGradient() && layer.units() > 1;
    }

    /**
     * Whether the backward pass reads the parameters: W itself for dL/dx of a one-unit layer (W is
     * its own transpose), or PReLU's slopes.
     */
    static boolean backwardReadsParameters(LayerPlan layer) {
        return layer.needsInputGradient() && layer.units() == 1 || layer.hasAlpha();
    }

    /**
     * Whether the layer keeps a mirror of its kernel, W^T laid out [units][inputs], which the model
     * brings up to date whenever its parameters change. (With one unit, W is its own transpose.)
     */
    static boolean usesMirror(LayerPlan layer) {
        return forwardReadsMirror(layer) || backwardReadsMirror(layer);
    }

    /** {@code mirror[j][k] = W[k][j]}, from the parameters {@code w}. */
    CodeBlock refreshMirror(LayerNames names, String mirror) {
        return CodeBlock.builder()
                .beginControlFlow("for (int k = 0; k < $L; k++)", names.inputs())
                .beginControlFlow("for (int j = 0; j < $L; j++)", names.units())
                .addStatement("$L[j * $L + k] = parameters[$L + k * $L + j]", mirror, names.inputs(), names.kernel(), names.units())
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** {@code db[j] = sum_r dz[r][j]}. */
    private CodeBlock biasGradient(LayerNames names) {
        return unitGradient("db[j] = sum_r dz[r][j]", names.units(), names.bias(),
                CodeBlock.of("$T.fromArray(SPECIES, dy, row + j)", numeric.vector()), CodeBlock.of("dy[row + j]"));
    }

    /** The Jacobian of a row-wise activation, when no loss fused it in. */
    private CodeBlock rowWiseGradient(ActivationSpec activation, LayerNames names) {
        return activation.type() == ActivationType.SOFTMAX ? softmaxGradientRows(names) : logSoftmaxGradientRows(names);
    }

    /** Log-softmax's Jacobian: {@code dz[j] = dy[j] - exp(y[j]) * sum_k dy[k]}. */
    private CodeBlock logSoftmaxGradientRows(LayerNames names) {
        String out = names.units();
        return CodeBlock.builder()
                .add("// log-softmax backward: dz[r][j] = dy[r][j] - exp(y[r][j]) * sum_k dy[r][k]\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", out)
                .addStatement("double sum = 0")
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("sum += dy[row + j]")
                .endControlFlow()
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("dy[row + j] = $L(dy[row + j] - Math.exp(y[row + j]) * sum)", numeric.narrow())
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** Softmax's Jacobian, when no loss fused it: {@code dz[j] = y[j] * (dy[j] - sum_k dy[k] * y[k])}. */
    private CodeBlock softmaxGradientRows(LayerNames names) {
        String out = names.units();
        String type = numeric.type().toString();
        return CodeBlock.builder()
                .add("// softmax backward: dz[r][j] = y[r][j] * (dy[r][j] - sum_k dy[r][k] * y[r][k])\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", out)
                .addStatement("$L dot = 0", type)
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("dot += dy[row + j] * y[row + j]")
                .endControlFlow()
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("dy[row + j] = y[row + j] * (dy[row + j] - dot)")
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /**
     * Draws the layer's kernel, then its bias, from the seeded generator into the double {@code p};
     * PReLU slopes start at their alpha. A Dense kernel's fans are its input and output sizes, a
     * bias's are both its size (Keras).
     */
    CodeBlock initialize(LayerPlan layer, LayerNames names) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add(draw(layer.kernelInitializer(), names.kernel(), names.inputs() + " * " + names.units(),
                        names.inputs(), names.units(), "layer '" + layer.name() + "' kernel"));
        if (layer.hasBias()) {
            code.add(draw(layer.biasInitializer(), names.bias(), names.units(), names.units(), names.units(),
                    "layer '" + layer.name() + "' bias"));
        }
        double alpha = layer.spec().activation().effectiveAlpha();
        if (layer.hasAlpha() && alpha != 0) {
            code.addStatement("$T.constant(p, $L, $L, $L)", Types.INITIALIZERS, names.alpha(), names.units(), alpha);
        }
        return code.build();
    }

    private static CodeBlock draw(InitializerSpec init, String offset, String count, String fanIn, String fanOut, String what) {
        Object i = Types.INITIALIZERS;
        return switch (init.type()) {
            case ZEROS -> CodeBlock.of("// $L starts at zero\n", what);
            case ONES -> CodeBlock.of("$T.constant(p, $L, $L, 1.0);\n", i, offset, count);
            case CONSTANT -> CodeBlock.of("$T.constant(p, $L, $L, $L);\n", i, offset, count, init.constant());
            case RANDOM_NORMAL -> CodeBlock.of("$T.randomNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, init.mean(), init.stddev());
            case RANDOM_UNIFORM -> CodeBlock.of("$T.randomUniform(p, $L, $L, $L, $L, random);\n", i, offset, count, init.minval(), init.maxval());
            case TRUNCATED_NORMAL -> CodeBlock.of("$T.truncatedNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, init.mean(), init.stddev());
            case GLOROT_UNIFORM -> CodeBlock.of("$T.glorotUniform(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case GLOROT_NORMAL -> CodeBlock.of("$T.glorotNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case HE_UNIFORM -> CodeBlock.of("$T.heUniform(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case HE_NORMAL -> CodeBlock.of("$T.heNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case LECUN_UNIFORM -> CodeBlock.of("$T.lecunUniform(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case LECUN_NORMAL -> CodeBlock.of("$T.lecunNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case ORTHOGONAL -> CodeBlock.of("$T.orthogonal(p, $L, $L, $L, $L, random);\n", i, offset, fanIn, fanOut, init.gain());
            case AUTO -> throw new IllegalStateException("the planner resolves AUTO");
        };
    }
}
