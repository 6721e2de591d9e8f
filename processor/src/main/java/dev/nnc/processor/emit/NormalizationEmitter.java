package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.annotations.LayerKind;
import dev.nnc.processor.plan.Activations.DerivativeInput;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.spec.ActivationSpec;
import dev.nnc.processor.spec.LayerSettings;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Layer and batch normalisation, then the layer's activation. Both compute
 * {@code xhat = (x - mean) / sqrt(var + epsilon)} and {@code z = gamma xhat + beta}; layer
 * normalisation takes the statistics of each sample over its features, batch normalisation those
 * of each feature over the batch in training and its running statistics in inference. The
 * forward pass keeps {@code xhat} and {@code 1 / sqrt(var + epsilon)} for the backward pass,
 * which for a mean and variance taken over the same m values is
 * {@code dx = inv (dxhat - mean(dxhat) - xhat mean(dxhat xhat))}, {@code dxhat = dz gamma}.
 * Statistics are summed in double.
 */
public final class NormalizationEmitter extends LayerEmitterBase {

    private final ActivationStage stage;
    private final LayerSettings settings;
    private final ActivationSpec activation;
    private final boolean batch;

    public NormalizationEmitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        super(numeric, layer, names);
        this.stage = new ActivationStage(numeric);
        this.settings = layer.spec().settings();
        this.activation = layer.spec().activation();
        this.batch = layer.kind() == LayerKind.BATCH_NORM;
    }

    @Override
    public List<FieldSpec> buffers() {
        List<FieldSpec> buffers = new ArrayList<>();
        if (layer.keepsPreActivation()) {
            buffers.add(FieldSpec.builder(numeric.array(), names.preActivation(), Modifier.PRIVATE)
                    .addJavadoc("Layer '$L' pre-activation z, (capacity, $L), which $L's derivative reads.\n", layer.name(),
                            layer.units(), activation.type())
                    .build());
        }
        buffers.add(FieldSpec.builder(numeric.array(), names.buffer("normalized"), Modifier.PRIVATE)
                .addJavadoc("Layer '$L' normalised input xhat of the last forward pass, (capacity, $L).\n", layer.name(), layer.units())
                .build());
        buffers.add(FieldSpec.builder(numeric.array(), names.buffer("inverseDeviation"), Modifier.PRIVATE)
                .addJavadoc("Layer '$L' 1 / sqrt(var + epsilon) of each $L in the last forward pass, ($L).\n", layer.name(),
                        batch ? "feature" : "sample", batch ? layer.units() : "capacity")
                .build());
        return buffers;
    }

    @Override
    public CodeBlock reserve() {
        CodeBlock.Builder code = CodeBlock.builder();
        if (layer.keepsPreActivation()) {
            code.addStatement("$L = new $T[$L.length]", names.preActivation(), numeric.type(), names.output());
        }
        return code.addStatement("$L = new $T[$L.length]", names.buffer("normalized"), numeric.type(), names.output())
                .addStatement("$L = new $T[$L]", names.buffer("inverseDeviation"), numeric.type(),
                        batch ? names.units() : LayerNames.rows(layer, names))
                .build();
    }

    private String gamma(String feature) {
        return settings.scale() ? "w[" + names.tensor("gamma") + " + " + feature + "]" : null;
    }

    private String beta(String feature) {
        return settings.center() ? "w[" + names.tensor("beta") + " + " + feature + "]" : null;
    }

    /** {@code gamma * xhat + beta}, leaving out what the layer does not learn. */
    private String affine(String xhat, String feature) {
        String scaled = settings.scale() ? gamma(feature) + " * " + xhat : xhat;
        return settings.center() ? scaled + " + " + beta(feature) : scaled;
    }

    @Override
    public List<MethodSpec> kernels() {
        List<MethodSpec> kernels = new ArrayList<>();
        kernels.add(forwardKernel());
        MethodSpec pass = stage.forwardMethod(names.activation(), layer.name(), layer.spec().activation(),
                layer.keepsPreActivation() ? "z" : "y", names.units());
        if (pass != null) {
            kernels.add(pass);
        }
        if (layer.needsBackward()) {
            kernels.add(backwardKernel());
        }
        return kernels;
    }

    private MethodSpec forwardKernel() {
        String product = layer.keepsPreActivation() ? "z" : "y";
        String f = names.units();
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.forward())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Layer '$L', $L over $L features, then $L: reads x and the weights w, writes y$L, xhat and inv.\n",
                        layer.name(), batch ? "batch normalisation" : "layer normalisation", layer.units(), activation.type(),
                        layer.keepsPreActivation() ? ", z" : "")
                .addParameter(numeric.array(), "y");
        if (layer.keepsPreActivation()) {
            method.addParameter(numeric.array(), "z");
        }
        method.addParameter(numeric.array(), "xhat")
                .addParameter(numeric.array(), "inv")
                .addParameter(numeric.array(), "x")
                .addParameter(numeric.array(), "w")
                .addParameter(int.class, "n");
        if (batch) {
            method.addParameter(boolean.class, "training");
            method.addCode(batchForward(product, f));        } else {
            method.addComment("each sample over its features: xhat = (x - mean) * inv, $L = gamma * xhat + beta", product)
                    .beginControlFlow("for (int r = 0; r < n; r++)")
                    .addStatement("int row = r * $L", f)
                    .addStatement("double mean = 0")
                    .beginControlFlow("for (int j = 0; j < $L; j++)", f)
                    .addStatement("mean += x[row + j]")
                    .endControlFlow()
                    .addStatement("mean /= $L", f)
                    .addStatement("double variance = 0")
                    .beginControlFlow("for (int j = 0; j < $L; j++)", f)
                    .addStatement("double centered = x[row + j] - mean")
                    .addStatement("variance += centered * centered")
                    .endControlFlow()
                    .addStatement("double inverse = 1 / Math.sqrt(variance / $L + $L)", f, settings.epsilon())
                    .addStatement("inv[r] = $Linverse", numeric.narrow())
                    .beginControlFlow("for (int j = 0; j < $L; j++)", f)
                    .addStatement("xhat[row + j] = $L((x[row + j] - mean) * inverse)", numeric.narrow())
                    .addStatement("$L[row + j] = $L", product, affine("xhat[row + j]", "j"))
                    .endControlFlow()
                    .endControlFlow();
        }
        return method.addCode(stage.forwardCall(names.activation(), activation, product)).build();
    }

    /**
     * Each feature's statistics: in training the batch's mean and population variance, which also
     * move the running statistics (Keras' momentum); in inference the running statistics.
     */
    private CodeBlock batchForward(String product, String f) {
        String movingMean = names.tensor("moving_mean");
        String movingVariance = names.tensor("moving_variance");
        double momentum = settings.momentum();
        return CodeBlock.builder()
                .beginControlFlow("for (int j = 0; j < $L; j++)", f)
                .addStatement("double mean")
                .addStatement("double variance")
                .beginControlFlow("if (training)")
                .addStatement("mean = 0")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("mean += x[r * $L + j]", f)
                .endControlFlow()
                .addStatement("mean /= n")
                .addStatement("variance = 0")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("double centered = x[r * $L + j] - mean", f)
                .addStatement("variance += centered * centered")
                .endControlFlow()
                .addStatement("variance /= n")
                .add("// moving = momentum * moving + (1 - momentum) * batch, as Keras\n")
                .addStatement("w[$L + j] = $L($L * w[$L + j] + (1 - $L) * mean)", movingMean, numeric.narrow(), momentum, movingMean,
                        momentum)
                .addStatement("w[$L + j] = $L($L * w[$L + j] + (1 - $L) * variance)", movingVariance, numeric.narrow(), momentum,
                        movingVariance, momentum)
                .nextControlFlow("else")
                .addStatement("mean = w[$L + j]", movingMean)
                .addStatement("variance = w[$L + j]", movingVariance)
                .endControlFlow()
                .addStatement("double inverse = 1 / Math.sqrt(variance + $L)", settings.epsilon())
                .addStatement("inv[j] = $Linverse", numeric.narrow())
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int i = r * $L + j", f)
                .addStatement("xhat[i] = $L((x[i] - mean) * inverse)", numeric.narrow())
                .addStatement("$L[i] = $L", product, affine("xhat[i]", "j"))
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /**
     * dz from dy through the activation, then dgamma and dbeta (while {@code train}) and dx. Batch
     * normalisation's backward is that of its training pass, through the batch statistics.
     */
    private MethodSpec backwardKernel() {
        String f = names.units();
        boolean trains = layer.trains();
        DerivativeInput reads = layer.derivativeInput();
        MethodSpec.Builder method = MethodSpec.methodBuilder(names.backward())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Backward of layer '$L': dy (n, $L) holds dL/dy on entry and dL/dz on exit$L$L.\n", layer.name(),
                        layer.units(), trains ? "; while {@code train}, writes dL/dgamma and dL/dbeta into g" : "",
                        layer.needsInputGradient() ? "; writes dL/dx into dx" : "");
        declareBackwardHead(method);
        declareDerivativeInput(method, reads);
        method.addParameter(numeric.array(), "xhat")
                .addParameter(numeric.array(), "inv")
                .addParameter(numeric.array(), "w");
        declareBackwardTail(method);
        method.addCode(stage.backward(activation, reads, f));
        if (trains) {
            method.beginControlFlow("if (train)").addCode(parameterGradients(f)).endControlFlow();
        }
        if (layer.needsInputGradient()) {
            method.addCode(batch ? batchInputGradient(f) : sampleInputGradient(f));
        }
        return method.build();
    }

    /** {@code dgamma[j] = sum_r dz[r][j] xhat[r][j]}, {@code dbeta[j] = sum_r dz[r][j]}, overwriting. */
    private CodeBlock parameterGradients(String f) {
        CodeBlock.Builder code = CodeBlock.builder().add("// dgamma[j] = sum_r dz[r][j] * xhat[r][j]; dbeta[j] = sum_r dz[r][j]\n");
        for (String tensor : List.of("gamma", "beta")) {
            if (names.tensor(tensor) != null) {
                code.addStatement("$T.fill(g, $L, $L + $L, $L)", java.util.Arrays.class, names.tensor(tensor), names.tensor(tensor), f,
                        numeric.literal(0));
            }
        }
        code.beginControlFlow("for (int r = 0; r < n; r++)")
                .beginControlFlow("for (int j = 0; j < $L; j++)", f)
                .addStatement("int i = r * $L + j", f);
        if (settings.scale()) {
            code.addStatement("g[$L + j] += dy[i] * xhat[i]", names.tensor("gamma"));
        }
        if (settings.center()) {
            code.addStatement("g[$L + j] += dy[i]", names.tensor("beta"));
        }
        return code.endControlFlow().endControlFlow().build();
    }

    private String dxhat(String i) {
        return settings.scale() ? "dy[" + i + "] * " + gamma("j") : "dy[" + i + "]";
    }

    /** Layer normalisation: each sample's statistics are over its own features. */
    private CodeBlock sampleInputGradient(String f) {
        return CodeBlock.builder()
                .add("// dx = inv (dxhat - mean_j dxhat - xhat mean_j(dxhat xhat)), dxhat = dz * gamma, per sample\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", f)
                .addStatement("double sum = 0")
                .addStatement("double dot = 0")
                .beginControlFlow("for (int j = 0; j < $L; j++)", f)
                .addStatement("double dxhat = $L", dxhat("row + j"))
                .addStatement("sum += dxhat")
                .addStatement("dot += dxhat * xhat[row + j]")
                .endControlFlow()
                .addStatement("double meanDxhat = sum / $L", f)
                .addStatement("double meanDot = dot / $L", f)
                .beginControlFlow("for (int j = 0; j < $L; j++)", f)
                .addStatement("dx[row + j] = $L(inv[r] * ($L - meanDxhat - xhat[row + j] * meanDot))", numeric.narrow(), dxhat("row + j"))
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** Batch normalisation in training: each feature's statistics are over the batch. */
    private CodeBlock batchInputGradient(String f) {
        return CodeBlock.builder()
                .add("// dx = inv (dxhat - mean_r dxhat - xhat mean_r(dxhat xhat)), dxhat = dz * gamma, per feature\n")
                .beginControlFlow("for (int j = 0; j < $L; j++)", f)
                .addStatement("double sum = 0")
                .addStatement("double dot = 0")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int i = r * $L + j", f)
                .addStatement("double dxhat = $L", dxhat("i"))
                .addStatement("sum += dxhat")
                .addStatement("dot += dxhat * xhat[i]")
                .endControlFlow()
                .addStatement("double meanDxhat = sum / n")
                .addStatement("double meanDot = dot / n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int i = r * $L + j", f)
                .addStatement("dx[i] = $L(inv[j] * ($L - meanDxhat - xhat[i] * meanDot))", numeric.narrow(), dxhat("i"))
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    @Override
    public CodeBlock forward(String input) {
        List<String> arguments = new ArrayList<>(List.of(names.output()));
        if (layer.keepsPreActivation()) {
            arguments.add(names.preActivation());
        }
        arguments.addAll(List.of(names.buffer("normalized"), names.buffer("inverseDeviation"), input, "parameters",
                LayerNames.rows(layer, names)));
        if (batch) {
            arguments.add("training");
        }
        return kernelCall(names.forward(), arguments);
    }

    @Override
    public CodeBlock backward(String dx, String dy, String input) {
        List<String> arguments = backwardHead(dx, dy);
        addDerivativeInput(arguments, layer.derivativeInput());
        arguments.addAll(List.of(names.buffer("normalized"), names.buffer("inverseDeviation"), "parameters"));
        addBackwardTail(arguments, LayerNames.rows(layer, names));
        return kernelCall(names.backward(), arguments);
    }
}
