package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.Activations.DerivativeInput;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.plan.ProductForm;
import dev.nnc.processor.spec.ActivationSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A Dense layer's forward and backward passes, side by side, with the bias and activation fused
 * into the matmul epilogue and the activation's derivative fused into the backward loop. The
 * kernel {@code W} is {@code [in][out]} (Keras' layout): a batch's forward product then runs along
 * contiguous rows of W, the fast way for vectors.
 */
public final class DenseEmitter extends LayerEmitterBase {

    /** Bytes of W one block of the forward product reads: most of a 48 KiB L1 data cache. */
    static final int BLOCK_BYTES = 32 * 1024;

    /**
     * Inputs per block of the forward product, so the block's rows of W (all units) stay in L1
     * while every row tile of the batch reads them; at least 16 inputs per block.
     */
    static int depthBlock(LayerPlan layer) {
        return Math.max(16, BLOCK_BYTES / (4 * layer.units()));
    }

    private final ActivationEmitter activations;
    private final ActivationStage stage;
    private final MatmulEmitter matmul;

    public DenseEmitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        super(numeric, layer, names);
        this.activations = new ActivationEmitter(numeric);
        this.stage = new ActivationStage(numeric);
        this.matmul = new MatmulEmitter(numeric);
    }

    @Override
    public List<FieldSpec> buffers() {
        if (!layer.keepsPreActivation()) {
            return List.of();
        }
        return List.of(FieldSpec.builder(numeric.array(), names.preActivation(), Modifier.PRIVATE)
                .addJavadoc("Layer '$L' pre-activation z, (capacity, $L), which $L's derivative reads.\n",
                        layer.name(), layer.units(), layer.spec().activation().type())
                .build());
    }

    @Override
    public CodeBlock reserve() {
        return layer.keepsPreActivation()
                ? CodeBlock.builder().addStatement("$L = new $T[$L.length]", names.preActivation(), numeric.type(), names.output()).build()
                : CodeBlock.of("");
    }

    @Override
    public List<FieldSpec> sharedFields() {
        if (!layer.mirrorsKernel()) {
            return List.of();
        }
        return List.of(FieldSpec.builder(numeric.array(), names.transposedKernel(), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("Layer '$L' kernel transposed, [$L][$L], for its backward pass; kept in step with the parameters by"
                        + " refreshMirrors() and shared with predictors.\n", layer.name(), layer.units(), layer.inputs())
                .build());
    }

    @Override
    public CodeBlock construct() {
        if (!layer.mirrorsKernel()) {
            return CodeBlock.of("");
        }
        String mirror = names.transposedKernel();
        return CodeBlock.builder()
                .addStatement("this.$L = source == null ? new $T[$L * $L] : source.$L", mirror, numeric.type(), names.units(),
                        names.inputs(), mirror)
                .build();
    }

    @Override
    public CodeBlock refresh() {
        return layer.mirrorsKernel() ? refreshMirror(names, names.transposedKernel()) : CodeBlock.of("");
    }

    @Override
    public List<MethodSpec> kernels() {
        List<MethodSpec> kernels = new ArrayList<>();
        kernels.add(forward(layer, names));
        ActivationSpec activation = layer.spec().activation();
        if (!activation.learnsAlpha() && !layer.fusesActivation()) {
            MethodSpec pass = stage.forwardMethod(names.activation(), layer.name(), activation, layer.keepsPreActivation() ? "z" : "y",
                    names.units());
            if (pass != null) {
                kernels.add(pass);
            }
        }
        if (layer.needsBackward()) {
            kernels.addAll(backward(layer, names));
        }
        return kernels;
    }

    @Override
    public CodeBlock forward(String input) {
        String preActivation = layer.keepsPreActivation() ? names.preActivation() + ", " : "";
        return CodeBlock.builder()
                .addStatement("$L.$L($L, $L$L, parameters, $L)", ModelEmitter.KERNELS, names.forward(), names.output(),
                        preActivation, input, LayerNames.rows(layer, names))
                .build();
    }

    @Override
    public CodeBlock backward(String dx, String dy, String input) {
        List<String> arguments = backwardHead(dx, dy);
        addDerivativeInput(arguments, layer.derivativeInput());
        arguments.add(input);
        if (backwardReadsParameters(layer)) {
            arguments.add("parameters");
        }
        if (layer.mirrorsKernel()) {
            arguments.add(names.transposedKernel());
        }
        addBackwardTail(arguments, LayerNames.rows(layer, names));
        return kernelCall(names.backward(), arguments);
    }

    /** {@code y = f(x · W + b)} for {@code n} samples, into the layer's output workspace. */
    MethodSpec forward(LayerPlan layer, LayerNames names) {
        ActivationSpec activation = layer.spec().activation();
        boolean fused = layer.fusesActivation();
        ActivationEmitter.Form form = fused ? activations.of(activation) : null;
        String in = names.inputs();
        String out = names.units();
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.forward())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Layer '$L', Dense $L -> $L, $L: reads x (n, $L) and the weights w, writes y (n, $L)$L.\n",
                        layer.name(), layer.inputs(), layer.units(), activation.type(), layer.inputs(), layer.units(),
                        layer.keepsPreActivation() ? " and the pre-activation z" : "")
                .addParameter(numeric.array(), "y");
        if (layer.keepsPreActivation()) {
            method.addParameter(numeric.array(), "z");
        }
        method.addParameter(numeric.array(), "x")
                .addParameter(numeric.array(), "w")
                .addParameter(int.class, "n");
        // the product writes f(z) when f is fused, else z: into y, or into z when the derivative needs it kept
        String product = layer.keepsPreActivation() ? "z" : "y";
        java.util.function.Function<CodeBlock, CodeBlock> scalarFinish =
                fused ? acc -> form.scalar().emit(null, parenthesised(acc).toString()) : acc -> acc;
        String bias = layer.hasBias() ? " + b[j]" : "";
        method.addComment("$L[r][j] = $L(sum_k x[r][k] * W[k][j]$L)", product, fused ? form.mathName() : "", bias);
        if (layer.forwardForm() == ProductForm.DOT) {
            method.addCode(oneUnit(names, product, scalarFinish));
        } else {
            method.addCode(matmul.product(new MatmulEmitter.Product(
                    Extent.runtime("n"), "r",
                    Extent.constant(out, layer.units()), "j",
                    Extent.constant(in, layer.inputs()), "k", depthBlock(layer),
                    (row, k) -> CodeBlock.of("x[$L * $L + $L]", row, in, k),
                    "w", (k, column) -> CodeBlock.of("$L + $L * $L + $L", names.kernel(), k, out, column),
                    layer.hasBias()
                            ? MatmulEmitter.Start.perColumn(
                                    column -> CodeBlock.of("$T.fromArray(SPECIES, w, $L + $L)", numeric.vector(), names.bias(), column),
                                    column -> CodeBlock.of("w[$L + $L]", names.bias(), column))
                            : MatmulEmitter.Start.ZERO,
                    fused ? acc -> form.fusedVector().emit(null, acc.toString()) : acc -> acc,
                    scalarFinish,
                    product, (row, column) -> CodeBlock.of("$L * $L + $L", row, out, column))));
        }
        if (activation.learnsAlpha()) {
            method.addCode(preluRows(names, product));
        } else if (!fused) {
            method.addCode(stage.forwardCall(names.activation(), activation, product));
        }
        return method.build();
    }

    /**
     * One unit: each row's output is one dot product with W's single column, which the broadcast
     * form would run as one chain of dependent scalar steps; the runtime's dot product runs it in 16
     * fixed lanes instead, the same bits at every vector width.
     */
    private CodeBlock oneUnit(LayerNames names, String product, java.util.function.Function<CodeBlock, CodeBlock> finish) {
        CodeBlock dot = CodeBlock.of("$T.dot(x, r * $L, w, $L, $L)", Types.FIXED_ORDER_SUMS, names.inputs(), names.kernel(), names.inputs());
        CodeBlock sum = layer.hasBias() ? CodeBlock.of("$L + w[$L]", dot, names.bias()) : dot;
        return CodeBlock.builder()
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("$T sum = $L", numeric.type(), sum)
                .addStatement("$L[r] = $L", product, finish.apply(CodeBlock.of("sum")))
                .endControlFlow()
                .build();
    }

    /**
     * {@code y = z >= 0 ? z : alpha[j] z}, row by row, with the layer's learned slopes read from w;
     * from {@code z}, or in place where no z is kept.
     */
    private CodeBlock preluRows(LayerNames names, String z) {
        return CodeBlock.builder()
                .add("// y[r][j] = $L[r][j] >= 0 ? $L[r][j] : alpha[j] * $L[r][j], alpha learned per unit\n", z, z, z)
                .add(unitRows(names.units(),
                        CodeBlock.builder()
                                .addStatement("$T zv = $T.fromArray(SPECIES, $L, row + j)", numeric.vector(), numeric.vector(), z)
                                .addStatement("zv.blend(zv.mul($T.fromArray(SPECIES, w, $L + j)), zv.compare($T.LT, $L)).intoArray(y, row + j)",
                                        numeric.vector(), names.alpha(), Types.VECTOR_OPERATORS, numeric.literal(0))
                                .build(),
                        CodeBlock.builder()
                                .addStatement("$T zj = $L[row + j]", numeric.type(), z)
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
     * The backward pass. On entry {@code dy} holds dL/dy (or already dL/dz when the loss fused the
     * activation's derivative); it is turned into dL/dz in place. Writes dL/dW and dL/db into the
     * gradients (overwriting) and, unless this is the first layer, dL/dx into {@code dx}.
     */
    List<MethodSpec> backward(LayerPlan layer, LayerNames names) {
        ActivationSpec activation = layer.spec().activation();
        DerivativeInput reads = layer.derivativeInput();
        boolean trains = layer.trainable();
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.backward())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Backward of layer '$L': dy (n, $L) holds dL/dy on entry and dL/dz on exit", layer.name(), layer.units())
                .addJavadoc(trains ? CodeBlock.of("; while {@code train}, writes dL/dW$L into g", layer.hasBias() ? " and dL/db" : "")
                        : CodeBlock.of("; the layer is frozen, so it has no gradient of its own"))
                .addJavadoc(layer.needsInputGradient()
                        ? CodeBlock.of("; writes dL/dx (n, $L) into dx.\n", layer.inputs())
                        : CodeBlock.of(".\n"));
        declareBackwardHead(method);
        declareDerivativeInput(method, reads);
        method.addParameter(numeric.array(), "x");
        if (backwardReadsParameters(layer)) {
            method.addParameter(numeric.array(), "w");
        }
        if (layer.mirrorsKernel()) {
            method.addParameter(numeric.array(), "wt");
        }
        declareBackwardTail(method);
        if (trains && layer.hasAlpha()) {
            method.beginControlFlow("if (train)").addCode(preluSlopeGradient(names)).endControlFlow();
        }
        if (activation.learnsAlpha() && reads != DerivativeInput.NOTHING) {
            method.addCode(preluDerivative(names));
        } else {
            method.addCode(stage.backward(activation, reads, names.units()));
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
            method.addStatement("$L(dx, dy, $L, n)", names.inputGradient(), layer.mirrorsKernel() ? "wt" : "w");
            methods.add(inputGradient(layer, names));
        }
        methods.set(0, method.build());
        return methods;
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
            method.addCode(matmul.product(new MatmulEmitter.Product(
                    Extent.constant("1", 1), "i",
                    Extent.constant(in, layer.inputs()), "k",
                    Extent.runtime("n"), "r",
                    (i, r) -> CodeBlock.of("dy[$L]", r),
                    "x", (r, k) -> CodeBlock.of("$L * $L + $L", r, in, k),
                    MatmulEmitter.Start.ZERO,
                    "g", (i, k) -> CodeBlock.of("$L + $L", names.kernel(), k))));
        } else {
            method.addCode(matmul.product(new MatmulEmitter.Product(
                    Extent.constant(in, layer.inputs()), "k",
                    Extent.constant(out, layer.units()), "j",
                    Extent.runtime("n"), "r",
                    (k, r) -> CodeBlock.of("x[$L * $L + $L]", r, in, k),
                    "dy", (r, column) -> CodeBlock.of("$L * $L + $L", r, out, column),
                    MatmulEmitter.Start.ZERO,
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
                .addParameter(numeric.array(), layer.mirrorsKernel() ? "wt" : "w")
                .addParameter(int.class, "n");
        boolean transposes = layer.mirrorsKernel();
        method.addComment("dx[r][k] = sum_j dz[r][j] * W[k][j]");
        method.addCode(matmul.product(new MatmulEmitter.Product(
                Extent.runtime("n"), "r",
                Extent.constant(in, layer.inputs()), "k",
                Extent.constant(out, layer.units()), "j",
                (r, j) -> CodeBlock.of("dy[$L * $L + $L]", r, out, j),
                transposes ? "wt" : "w",
                transposes ? (j, k) -> CodeBlock.of("$L * $L + $L", j, in, k) : (j, k) -> CodeBlock.of("$L + $L", names.kernel(), k),
                MatmulEmitter.Start.ZERO,
                "dx", (r, k) -> CodeBlock.of("$L * $L + $L", r, in, k))));
        return method.build();
    }

    /**
     * Whether the backward pass reads the parameters: W itself for dL/dx where the plan keeps no
     * mirror (a one-unit layer's W is its own transpose), or PReLU's slopes.
     */
    static boolean backwardReadsParameters(LayerPlan layer) {
        return layer.needsInputGradient() && !layer.mirrorsKernel() || layer.hasAlpha();
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
}
