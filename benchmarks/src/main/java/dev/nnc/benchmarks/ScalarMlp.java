package dev.nnc.benchmarks;

import java.util.SplittableRandom;

/**
 * The baseline: a plain, scalar, textbook multi-layer perceptron in Java, the same math as a
 * generated model (Dense layers; ReLU, linear or softmax; MSE or softmax cross-entropy; Adam as
 * PyTorch) written the way a careful person writes it without the Vector API. One class serves
 * every net through a layer-size array and an activation per layer.
 *
 * <p>Layout: layer {@code l}'s weights are one {@code float[]} laid out {@code [out][in]}, so each
 * output is one plain dot product over a contiguous row; C2 may auto-vectorize what it can, nothing
 * here helps or hinders it. Batches are flat row-major {@code [n][features]}, as the generated code's.
 *
 * <p>Reductions match the generated code (Keras'): MSE is the mean over the batch and the outputs;
 * categorical cross-entropy the mean over the batch of each sample's sum, on probabilities clipped
 * to {@code [1e-7, 1 - 1e-7]}. Every buffer is allocated in the constructor for at most
 * {@code maxBatch} samples: {@link #predict}, {@link #computeGradients}, {@link #applyGradients}
 * and {@link #trainBatch} allocate nothing.
 */
public final class ScalarMlp implements ScalarModel {

    /** The activations the benchmarked nets use. */
    public enum Activation { LINEAR, RELU, SOFTMAX }

    /** The losses the benchmarked nets use. */
    public enum Loss { MSE, CATEGORICAL_CROSS_ENTROPY }

    /** Keras' epsilon: cross-entropy clips probabilities to [EPSILON, 1 - EPSILON]. */
    private static final double EPSILON = 1e-7;

    private final int[] sizes;
    private final Activation[] activations;
    private final Loss loss;
    private final int layers;
    private final int maxBatch;

    /** Per layer: W [out][in], b [out], their gradients and Adam moments, same layouts. */
    private final float[][] weights;
    private final float[][] biases;
    private final float[][] weightGradients;
    private final float[][] biasGradients;
    private final float[][] weightM;
    private final float[][] weightV;
    private final float[][] biasM;
    private final float[][] biasV;

    /** Per layer: its output y (maxBatch, out), and dL/dz (maxBatch, out) in the backward pass. */
    private final float[][] outputs;
    private final float[][] deltas;

    private double learningRate;
    private long steps;

    /**
     * @param sizes {@code sizes[0]} inputs, then the units of each layer
     * @param activations one per layer
     * @param loss the loss; CATEGORICAL_CROSS_ENTROPY needs a SOFTMAX output (its gradient is {@code p - y})
     * @param learningRate Adam's learning rate
     * @param maxBatch the largest batch the buffers hold
     * @param seed seed of the initial weights (He uniform under ReLU, else Glorot uniform; biases 0)
     */
    public ScalarMlp(int[] sizes, Activation[] activations, Loss loss, double learningRate, int maxBatch, long seed) {
        if (sizes.length < 2 || activations.length != sizes.length - 1) {
            throw new IllegalArgumentException("need sizes = {inputs, units...} and one activation per layer");
        }
        this.layers = activations.length;
        for (int l = 0; l < layers - 1; l++) {
            if (activations[l] == Activation.SOFTMAX) {
                throw new IllegalArgumentException("softmax is supported on the output layer only");
            }
        }
        Activation last = activations[layers - 1];
        if (loss == Loss.CATEGORICAL_CROSS_ENTROPY && last != Activation.SOFTMAX
                || loss == Loss.MSE && last == Activation.SOFTMAX) {
            throw new IllegalArgumentException(loss + " with a " + last + " output is not supported");
        }
        this.sizes = sizes.clone();
        this.activations = activations.clone();
        this.loss = loss;
        this.learningRate = learningRate;
        this.maxBatch = maxBatch;
        weights = new float[layers][];
        biases = new float[layers][];
        weightGradients = new float[layers][];
        biasGradients = new float[layers][];
        weightM = new float[layers][];
        weightV = new float[layers][];
        biasM = new float[layers][];
        biasV = new float[layers][];
        outputs = new float[layers][];
        deltas = new float[layers][];
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            weights[l] = new float[out * in];
            biases[l] = new float[out];
            weightGradients[l] = new float[out * in];
            biasGradients[l] = new float[out];
            weightM[l] = new float[out * in];
            weightV[l] = new float[out * in];
            biasM[l] = new float[out];
            biasV[l] = new float[out];
            outputs[l] = new float[maxBatch * out];
            deltas[l] = new float[maxBatch * out];
            double limit = activations[l] == Activation.RELU ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] = (float) ((2 * random.nextDouble() - 1) * limit);
            }
        }
    }

    /** Net B: 13 -> 64 ReLU -> 32 ReLU -> 1 linear, MSE, Adam 1e-3. */
    public static ScalarMlp netB(int maxBatch) {
        return new ScalarMlp(new int[] {13, 64, 32, 1},
                new Activation[] {Activation.RELU, Activation.RELU, Activation.LINEAR},
                Loss.MSE, 1e-3, maxBatch, 1);
    }

    /** Net C: 784 -> 128 ReLU -> 64 ReLU -> 10 softmax, categorical cross-entropy, Adam 1e-3. */
    public static ScalarMlp netC(int maxBatch) {
        return new ScalarMlp(new int[] {784, 128, 64, 10},
                new Activation[] {Activation.RELU, Activation.RELU, Activation.SOFTMAX},
                Loss.CATEGORICAL_CROSS_ENTROPY, 1e-3, maxBatch, 1);
    }

    // ---- shapes and weights ----

    public int layerCount() {
        return layers;
    }

    public int inputs(int layer) {
        return sizes[layer];
    }

    public int units(int layer) {
        return sizes[layer + 1];
    }

    public Activation activation(int layer) {
        return activations[layer];
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /** Changes Adam's learning rate for the next steps. */
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and greater than 0, found " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Layer {@code layer}'s weights, [out][in]; the live array, writable. */
    public float[] weights(int layer) {
        return weights[layer];
    }

    /** Layer {@code layer}'s biases; the live array, writable. */
    public float[] biases(int layer) {
        return biases[layer];
    }

    /** dL/dW of the last {@link #computeGradients} call, [out][in]; the live array. */
    public float[] weightGradients(int layer) {
        return weightGradients[layer];
    }

    /** dL/db of the last {@link #computeGradients} call; the live array. */
    public float[] biasGradients(int layer) {
        return biasGradients[layer];
    }

    // ---- inference ----

    /** Predicts {@code n} samples of {@code inputs} into {@code predictions} (n, outputs). */
    @Override
    public void predict(float[] inputs, int n, float[] predictions) {
        checkBatch(n);
        forward(inputs, n);
        System.arraycopy(outputs[layers - 1], 0, predictions, 0, n * sizes[layers]);
    }

    private void forward(float[] x, int n) {
        for (int l = 0; l < layers; l++) {
            float[] in = l == 0 ? x : outputs[l - 1];
            float[] y = outputs[l];
            float[] w = weights[l];
            float[] b = biases[l];
            int nin = sizes[l];
            int nout = sizes[l + 1];
            boolean relu = activations[l] == Activation.RELU;
            // y[r][j] = f(b[j] + sum_k W[j][k] * x[r][k])
            for (int r = 0; r < n; r++) {
                int xRow = r * nin;
                for (int j = 0; j < nout; j++) {
                    int wRow = j * nin;
                    float sum = b[j];
                    for (int k = 0; k < nin; k++) {
                        sum += w[wRow + k] * in[xRow + k];
                    }
                    y[r * nout + j] = relu ? Math.max(sum, 0f) : sum;
                }
            }
            if (activations[l] == Activation.SOFTMAX) {
                softmaxRows(y, n, nout);
            }
        }
    }

    /** y[r][j] = exp(z[r][j] - max z[r]) / sum_k exp(z[r][k] - max z[r]), in place. */
    private static void softmaxRows(float[] y, int n, int width) {
        for (int r = 0; r < n; r++) {
            int row = r * width;
            float max = y[row];
            for (int j = 1; j < width; j++) {
                max = Math.max(max, y[row + j]);
            }
            float sum = 0;
            for (int j = 0; j < width; j++) {
                float e = (float) Math.exp(y[row + j] - max);
                y[row + j] = e;
                sum += e;
            }
            float scale = 1f / sum;
            for (int j = 0; j < width; j++) {
                y[row + j] *= scale;
            }
        }
    }

    // ---- training ----

    /** One Adam step on a batch; returns the batch's mean loss before the update. */
    public float trainBatch(float[] inputs, float[] targets, int n) {
        float batchLoss = computeGradients(inputs, targets, n);
        applyGradients();
        return batchLoss;
    }

    /** Forward, loss and backward: overwrites the gradients; returns the batch's mean loss. */
    @Override
    public float computeGradients(float[] x, float[] targets, int n) {
        checkBatch(n);
        forward(x, n);
        double batchLoss = lossSum(targets, n) / n;
        backward(x, targets, n);
        return (float) batchLoss;
    }

    /** Sum over the n samples of each sample's loss. */
    private double lossSum(float[] targets, int n) {
        float[] p = outputs[layers - 1];
        int width = sizes[layers];
        double sum = 0;
        if (loss == Loss.MSE) {
            // mean over outputs of (p - y)^2
            for (int i = 0; i < n * width; i++) {
                double e = p[i] - targets[i];
                sum += e * e;
            }
            return sum / width;
        }
        // -sum_j y_j log q_j, q = p clipped to [eps, 1 - eps]
        for (int i = 0; i < n * width; i++) {
            sum -= targets[i] * Math.log(Math.min(Math.max(p[i], EPSILON), 1 - EPSILON));
        }
        return sum;
    }

    private void backward(float[] x, float[] targets, int n) {
        int last = layers - 1;
        float[] p = outputs[last];
        float[] dz = deltas[last];
        int width = sizes[layers];
        if (loss == Loss.MSE) {
            // dL/dp = 2 (p - y) / (n * outputs), then times f'(z)
            float scale = 2f / (n * width);
            for (int i = 0; i < n * width; i++) {
                dz[i] = scale * (p[i] - targets[i]);
            }
            if (activations[last] == Activation.RELU) {
                reluGradient(dz, p, n * width);
            }
        } else {
            // softmax and cross-entropy together: dL/dz = (p - y) / n
            float scale = 1f / n;
            for (int i = 0; i < n * width; i++) {
                dz[i] = scale * (p[i] - targets[i]);
            }
        }
        for (int l = last; l >= 0; l--) {
            float[] in = l == 0 ? x : outputs[l - 1];
            float[] d = deltas[l];
            float[] w = weights[l];
            float[] gw = weightGradients[l];
            float[] gb = biasGradients[l];
            int nin = sizes[l];
            int nout = sizes[l + 1];
            // dL/db[j] = sum_r dz[r][j]; dL/dW[j][k] = sum_r dz[r][j] * x[r][k]
            for (int i = 0; i < gw.length; i++) {
                gw[i] = 0f;
            }
            for (int j = 0; j < nout; j++) {
                gb[j] = 0f;
            }
            for (int r = 0; r < n; r++) {
                int xRow = r * nin;
                for (int j = 0; j < nout; j++) {
                    float g = d[r * nout + j];
                    gb[j] += g;
                    int wRow = j * nin;
                    for (int k = 0; k < nin; k++) {
                        gw[wRow + k] += g * in[xRow + k];
                    }
                }
            }
            if (l > 0) {
                // dL/dx[r][k] = sum_j dz[r][j] * W[j][k], then times f'(z) of the layer below
                float[] dx = deltas[l - 1];
                for (int r = 0; r < n; r++) {
                    int xRow = r * nin;
                    for (int k = 0; k < nin; k++) {
                        dx[xRow + k] = 0f;
                    }
                    for (int j = 0; j < nout; j++) {
                        float g = d[r * nout + j];
                        int wRow = j * nin;
                        for (int k = 0; k < nin; k++) {
                            dx[xRow + k] += g * w[wRow + k];
                        }
                    }
                }
                if (activations[l - 1] == Activation.RELU) {
                    reluGradient(dx, outputs[l - 1], n * nin);
                }
            }
        }
    }

    /** dz = dy * relu'(z), from the output y = relu(z): 0 where y <= 0. */
    private static void reluGradient(float[] d, float[] y, int count) {
        for (int i = 0; i < count; i++) {
            if (y[i] <= 0f) {
                d[i] = 0f;
            }
        }
    }

    /**
     * Adam, as PyTorch: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
     * w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
     */
    @Override
    public void applyGradients() {
        steps++;
        float stepSize = ScalarAdam.stepSize(learningRate, steps);
        float correction2 = ScalarAdam.correction2(steps);
        for (int l = 0; l < layers; l++) {
            ScalarAdam.step(weights[l], weightGradients[l], weightM[l], weightV[l], stepSize, correction2);
            ScalarAdam.step(biases[l], biasGradients[l], biasM[l], biasV[l], stepSize, correction2);
        }
    }

    private void checkBatch(int n) {
        if (n < 1 || n > maxBatch) {
            throw new IllegalArgumentException("n must be in [1, " + maxBatch + "], found " + n);
        }
    }
}
