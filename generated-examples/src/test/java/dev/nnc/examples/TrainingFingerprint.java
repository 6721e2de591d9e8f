package dev.nnc.examples;

import dev.nnc.runtime.Dataset;
import dev.nnc.runtime.FitOptions;
import dev.nnc.runtime.LearningRateScheduler;
import dev.nnc.runtime.Model;
import dev.nnc.runtime.Trainer;
import dev.nnc.runtime.schedules.CosineDecay;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * Trains an LSTM regressor with dropout, a GRU classifier with recurrent dropout and clipping, a
 * net of every transcendental activation with dropout and a penalty, and a SimpleRNN with layer
 * and batch normalisation, each from its seed on
 * fixed data, through {@code Trainer.fit} with shuffling and a cosine schedule, and prints one line
 * per model: its name and the SHA-256 of its weights' and predictions' bits. {@link
 * DeterminismTest} runs it in fresh JVMs under different compilers, JDKs and vector widths and
 * compares the lines.
 * Long enough for the JIT to compile the kernels halfway through, where results used to change.
 */
public final class TrainingFingerprint {

    private TrainingFingerprint() {}

    public static void main(String[] args) throws NoSuchAlgorithmException {
        int epochs = Integer.parseInt(args[0]);
        System.out.println(train(new SeededLstmNet(), epochs, 256, 4));
        System.out.println(train(new SeededGruNet(), epochs, 256, 5));
        System.out.println(train(new SeededMlpNet(), epochs, 256, 6));
        System.out.println(train(new SeededNormNet(), epochs, 256, 7));
    }

    /** Fits the model on n random samples of its shape and returns its name with the fingerprint. */
    private static String train(Model model, int epochs, int n, long seed) throws NoSuchAlgorithmException {
        Random random = new Random(seed);
        float[] x = new float[n * model.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] y = targets(model, n, random);
        Trainer.fit(model, Dataset.of(x, model.inputSize(), y, model.targetSize()), FitOptions.epochs(epochs)
                .batchSize(16)
                .seed(seed)
                .verbose(false)
                .callbacks(LearningRateScheduler.perStep(new CosineDecay(model.learningRate(), epochs * (n / 16)))));
        float[] predictions = model.predictBatch(x, n);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(bits(model.snapshot()));
        digest.update(bits(predictions));
        return model.name() + " " + HexFormat.of().formatHex(digest.digest());
    }

    /** Targets the model's loss takes: one-hot rows for a softmax, 0/1 for a sigmoid, else reals. */
    private static float[] targets(Model model, int n, Random random) {
        int width = model.targetSize();
        float[] y = new float[n * width];
        for (int r = 0; r < n; r++) {
            switch (model.loss()) {
                case "categorical_crossentropy" -> y[r * width + random.nextInt(width)] = 1;
                case "binary_crossentropy" -> y[r] = random.nextBoolean() ? 1 : 0;
                default -> {
                    for (int c = 0; c < width; c++) {
                        y[r * width + c] = (float) random.nextGaussian();
                    }
                }
            }
        }
        return y;
    }

    private static byte[] bits(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
        for (float v : values) {
            buffer.putInt(Float.floatToRawIntBits(v));
        }
        return buffer.array();
    }
}
