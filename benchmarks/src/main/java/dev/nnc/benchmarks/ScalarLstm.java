package dev.nnc.benchmarks;

import java.util.SplittableRandom;

/**
 * The baseline of the recurrent net: a plain, scalar, textbook LSTM regressor in Java, the same
 * math as a generated model (Keras' {@code LSTM(units)} giving its last {@code h}, then
 * {@code Dense(1)}, linear; MSE; Adam as PyTorch) written the way a careful person writes it
 * without the Vector API: forward over the time steps, backpropagation through time, Adam, all as
 * plain loops over {@code float} arrays, {@link Math#exp} and {@link Math#tanh} for the
 * activations.
 *
 * <p>The LSTM, per sample, from {@code h_(-1) = c_(-1) = 0}: {@code z_t = W x_t + U h_(t-1) + b}
 * over {@code 4 units} gate columns in Keras' order {@code i, f, g, o}; {@code i, f, o =
 * sigmoid(z)}, {@code g = tanh(z)}; {@code c_t = f c_(t-1) + i g}; {@code h_t = o tanh(c_t)}. The
 * output is {@code p = v h_(T-1) + b_out}.
 *
 * <p>Layout: the kernels are stored transposed from Keras', {@code W [4 units][features]} and
 * {@code U [4 units][units]}, so each gate's pre-activation is one plain dot product over a
 * contiguous row; C2 may auto-vectorize what it can, nothing here helps or hinders it. The Dense
 * kernel is {@code v [units]}, the bias {@code b [4 units]}. Batches are flat row-major
 * {@code [n][steps][features]}, as the generated code's. The forward pass keeps every step's gates
 * (after their activations), {@code c}, {@code tanh(c)} and {@code h} for the backward pass.
 *
 * <p>MSE is the mean over the batch (there is one output), as Keras'. Every buffer is allocated in
 * the constructor for at most {@code maxBatch} samples: {@link #predict}, {@link #computeGradients},
 * {@link #applyGradients} and {@link #trainBatch} allocate nothing.
 */
public final class ScalarLstm implements ScalarModel {

    /** The parameter tensors, each a {@code float[]} in the layout given. */
    public enum Tensor {
        /** The input kernel W, [4 units][features]: Keras' {@code kernel} transposed. */
        KERNEL,
        /** The recurrent kernel U, [4 units][units]: Keras' {@code recurrent_kernel} transposed. */
        RECURRENT_KERNEL,
        /** The gates' bias b, [4 units], as Keras'. */
        BIAS,
        /** The Dense layer's kernel v, [units]: Keras' [units][1]. */
        OUTPUT_KERNEL,
        /** The Dense layer's bias, [1]. */
        OUTPUT_BIAS
    }


    private final int steps;
    private final int features;
    private final int units;
    /** 4 units: the gate columns i, f, g, o. */
    private final int gates;
    private final int maxBatch;

    /** Per tensor (by {@link Tensor#ordinal()}): its values, gradients and Adam moments, same layouts. */
    private final float[][] values;
    private final float[][] gradients;
    private final float[][] m;
    private final float[][] v;

    /** The gates i, f, g, o after their activations, (maxBatch, steps, 4 units). */
    private final float[] gateValues;
    /** c_t, tanh(c_t) and h_t, each (maxBatch, steps, units). */
    private final float[] cells;
    private final float[] cellTanh;
    private final float[] states;
    /** The predictions, (maxBatch, 1). */
    private final float[] outputs;

    /** Backward: dL/dz of one step (4 units), dL/dh_t and dL/dc_t carried back a step (units). */
    private final float[] gateGradient;
    private final float[] stateGradient;
    private final float[] cellGradient;

    private double learningRate;
    private long stepCount;

    /**
     * @param steps time steps of a sample
     * @param features values per time step
     * @param units the LSTM's units
     * @param learningRate Adam's learning rate
     * @param maxBatch the largest batch the buffers hold
     * @param seed seed of the initial weights: Glorot uniform kernels (the recurrent one too, not
     *     Keras' orthogonal), biases 0 but the forget gate's 1 (Keras' {@code unit_forget_bias});
     *     the benchmarks overwrite them with the generated model's
     */
    public ScalarLstm(int steps, int features, int units, double learningRate, int maxBatch, long seed) {
        if (steps < 1 || features < 1 || units < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("steps, features, units and maxBatch must be at least 1");
        }
        this.steps = steps;
        this.features = features;
        this.units = units;
        this.gates = 4 * units;
        this.maxBatch = maxBatch;
        setLearningRate(learningRate);
        int[] sizes = {gates * features, gates * units, gates, units, 1};
        Tensor[] tensors = Tensor.values();
        values = new float[tensors.length][];
        gradients = new float[tensors.length][];
        m = new float[tensors.length][];
        v = new float[tensors.length][];
        for (Tensor tensor : tensors) {
            int size = sizes[tensor.ordinal()];
            values[tensor.ordinal()] = new float[size];
            gradients[tensor.ordinal()] = new float[size];
            m[tensor.ordinal()] = new float[size];
            v[tensor.ordinal()] = new float[size];
        }
        gateValues = new float[maxBatch * steps * gates];
        cells = new float[maxBatch * steps * units];
        cellTanh = new float[maxBatch * steps * units];
        states = new float[maxBatch * steps * units];
        outputs = new float[maxBatch];
        gateGradient = new float[gates];
        stateGradient = new float[units];
        cellGradient = new float[units];

        SplittableRandom random = new SplittableRandom(seed);
        glorot(values[Tensor.KERNEL.ordinal()], features, gates, random);
        glorot(values[Tensor.RECURRENT_KERNEL.ordinal()], units, gates, random);
        glorot(values[Tensor.OUTPUT_KERNEL.ordinal()], units, 1, random);
        float[] bias = values[Tensor.BIAS.ordinal()];
        for (int j = units; j < 2 * units; j++) {
            bias[j] = 1f;
        }
    }

    /** Net D: 30 steps of 3 features -> LSTM(50) -> 1 linear, MSE, Adam 1e-3. */
    public static ScalarLstm netD(int maxBatch) {
        return new ScalarLstm(30, 3, 50, 1e-3, maxBatch, 1);
    }

    private static void glorot(float[] w, int in, int out, SplittableRandom random) {
        double limit = Math.sqrt(6.0 / (in + out));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
    }

    // ---- shapes and weights ----

    public int steps() {
        return steps;
    }

    public int features() {
        return features;
    }

    public int units() {
        return units;
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

    /** The tensor's values, in the layout {@link Tensor} gives; the live array, writable. */
    public float[] weights(Tensor tensor) {
        return values[tensor.ordinal()];
    }

    /** dL/d(tensor) of the last {@link #computeGradients} call, same layout; the live array. */
    public float[] gradients(Tensor tensor) {
        return gradients[tensor.ordinal()];
    }

    // ---- inference ----

    /** Predicts {@code n} samples of {@code inputs} (n, steps, features) into {@code predictions} (n, 1). */
    @Override
    public void predict(float[] inputs, int n, float[] predictions) {
        checkBatch(n);
        forward(inputs, n);
        System.arraycopy(outputs, 0, predictions, 0, n);
    }

    private void forward(float[] x, int n) {
        float[] w = values[Tensor.KERNEL.ordinal()];
        float[] u = values[Tensor.RECURRENT_KERNEL.ordinal()];
        float[] b = values[Tensor.BIAS.ordinal()];
        float[] out = values[Tensor.OUTPUT_KERNEL.ordinal()];
        float outBias = values[Tensor.OUTPUT_BIAS.ordinal()][0];
        for (int r = 0; r < n; r++) {
            for (int t = 0; t < steps; t++) {
                int row = r * steps + t;
                int xRow = row * features;
                int z = row * gates;
                int s = row * units;
                int previous = s - units;
                // z[j] = b[j] + sum_k W[j][k] x_t[k] + sum_k U[j][k] h_(t-1)[k]; h_(-1) = 0
                for (int j = 0; j < gates; j++) {
                    float sum = b[j];
                    int wRow = j * features;
                    for (int k = 0; k < features; k++) {
                        sum += w[wRow + k] * x[xRow + k];
                    }
                    if (t > 0) {
                        int uRow = j * units;
                        for (int k = 0; k < units; k++) {
                            sum += u[uRow + k] * states[previous + k];
                        }
                    }
                    gateValues[z + j] = sum;
                }
                // the gates, then c_t = f c_(t-1) + i g and h_t = o tanh(c_t); c_(-1) = 0
                for (int j = 0; j < units; j++) {
                    float i = sigmoid(gateValues[z + j]);
                    float f = sigmoid(gateValues[z + units + j]);
                    float g = (float) Math.tanh(gateValues[z + 2 * units + j]);
                    float o = sigmoid(gateValues[z + 3 * units + j]);
                    gateValues[z + j] = i;
                    gateValues[z + units + j] = f;
                    gateValues[z + 2 * units + j] = g;
                    gateValues[z + 3 * units + j] = o;
                    float before = t > 0 ? cells[previous + j] : 0f;
                    float c = f * before + i * g;
                    float activated = (float) Math.tanh(c);
                    cells[s + j] = c;
                    cellTanh[s + j] = activated;
                    states[s + j] = o * activated;
                }
            }
            // p = v h_(T-1) + b_out
            int last = (r * steps + steps - 1) * units;
            float sum = outBias;
            for (int k = 0; k < units; k++) {
                sum += out[k] * states[last + k];
            }
            outputs[r] = sum;
        }
    }

    private static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    // ---- training ----

    /** One Adam step on a batch; returns the batch's mean loss before the update. */
    public float trainBatch(float[] inputs, float[] targets, int n) {
        float batchLoss = computeGradients(inputs, targets, n);
        applyGradients();
        return batchLoss;
    }

    /** Forward, loss and backward through time: overwrites the gradients; returns the batch's mean loss. */
    @Override
    public float computeGradients(float[] x, float[] targets, int n) {
        checkBatch(n);
        forward(x, n);
        double sum = 0;
        for (int r = 0; r < n; r++) {
            double e = outputs[r] - targets[r];
            sum += e * e;
        }
        backward(x, targets, n);
        return (float) (sum / n);
    }

    private void backward(float[] x, float[] targets, int n) {
        float[] u = values[Tensor.RECURRENT_KERNEL.ordinal()];
        float[] out = values[Tensor.OUTPUT_KERNEL.ordinal()];
        float[] gw = gradients[Tensor.KERNEL.ordinal()];
        float[] gu = gradients[Tensor.RECURRENT_KERNEL.ordinal()];
        float[] gb = gradients[Tensor.BIAS.ordinal()];
        float[] gOut = gradients[Tensor.OUTPUT_KERNEL.ordinal()];
        float[] gOutBias = gradients[Tensor.OUTPUT_BIAS.ordinal()];
        for (float[] g : gradients) {
            for (int i = 0; i < g.length; i++) {
                g[i] = 0f;
            }
        }
        float[] dz = gateGradient;
        float[] dh = stateGradient;
        float[] dc = cellGradient;
        // dL/dp = 2 (p - y) / n
        float scale = 2f / n;
        for (int r = 0; r < n; r++) {
            float dp = scale * (outputs[r] - targets[r]);
            int last = (r * steps + steps - 1) * units;
            // the Dense layer: dL/db_out += dp; dL/dv[k] += dp h_(T-1)[k]; dL/dh_(T-1)[k] = dp v[k]
            gOutBias[0] += dp;
            for (int k = 0; k < units; k++) {
                gOut[k] += dp * states[last + k];
                dh[k] = dp * out[k];
                dc[k] = 0f;
            }
            for (int t = steps - 1; t >= 0; t--) {
                int row = r * steps + t;
                int xRow = row * features;
                int z = row * gates;
                int s = row * units;
                int previous = s - units;
                // dL/dc_t = carried + dL/dh_t o tanh'(c_t); then each gate's dL/dz through its activation
                for (int j = 0; j < units; j++) {
                    float i = gateValues[z + j];
                    float f = gateValues[z + units + j];
                    float g = gateValues[z + 2 * units + j];
                    float o = gateValues[z + 3 * units + j];
                    float activated = cellTanh[s + j];
                    float before = t > 0 ? cells[previous + j] : 0f;
                    float dcj = dc[j] + dh[j] * o * (1 - activated * activated);
                    dz[j] = dcj * g * i * (1 - i);
                    dz[units + j] = dcj * before * f * (1 - f);
                    dz[2 * units + j] = dcj * i * (1 - g * g);
                    dz[3 * units + j] = dh[j] * activated * o * (1 - o);
                    // dL/dc_(t-1) = dL/dc_t f
                    dc[j] = dcj * f;
                }
                // dL/db[j] += dz[j]; dL/dW[j][k] += dz[j] x_t[k]; dL/dU[j][k] += dz[j] h_(t-1)[k]
                for (int j = 0; j < gates; j++) {
                    float d = dz[j];
                    gb[j] += d;
                    int wRow = j * features;
                    for (int k = 0; k < features; k++) {
                        gw[wRow + k] += d * x[xRow + k];
                    }
                    if (t > 0) {
                        int uRow = j * units;
                        for (int k = 0; k < units; k++) {
                            gu[uRow + k] += d * states[previous + k];
                        }
                    }
                }
                if (t > 0) {
                    // dL/dh_(t-1)[k] = sum_j dz[j] U[j][k]
                    for (int k = 0; k < units; k++) {
                        dh[k] = 0f;
                    }
                    for (int j = 0; j < gates; j++) {
                        float d = dz[j];
                        int uRow = j * units;
                        for (int k = 0; k < units; k++) {
                            dh[k] += d * u[uRow + k];
                        }
                    }
                }
            }
        }
    }

    /**
     * Adam, as PyTorch: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
     * w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
     */
    @Override
    public void applyGradients() {
        stepCount++;
        float stepSize = ScalarAdam.stepSize(learningRate, stepCount);
        float correction2 = ScalarAdam.correction2(stepCount);
        for (int p = 0; p < values.length; p++) {
            ScalarAdam.step(values[p], gradients[p], m[p], v[p], stepSize, correction2);
        }
    }

    private void checkBatch(int n) {
        if (n < 1 || n > maxBatch) {
            throw new IllegalArgumentException("n must be in [1, " + maxBatch + "], found " + n);
        }
    }
}
