package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void aModelIsSummarisedAsKerasDoes() {
        LinearModel model = new LinearModel(3, 2, 0.1);
        model.trainBatch(new float[6], new float[4], 2);
        assertEquals("""
                Model: "Linear"
                ____________________________________________________
                 Layer (type)    Output Shape   Param #   Activation
                ====================================================
                 dense (Dense)   (None, 2)            8   linear
                ====================================================
                Total params: 8 (32.00 B)
                Trainable params: 8 (32.00 B)
                Non-trainable params: 0 (0.00 B)
                Memory: weights 32.00 B, gradients 32.00 B, optimizer state 0.00 B (sgd), workspace 16.00 B for batches of up to 2 samples
                ____________________________________________________
                """, model.summary());
    }

    @Test
    void aFrozenLayersParametersAreNotTrainable() {
        LinearModel model = new LinearModel(3, 2, 0.1);
        model.setTrainable("dense", false);
        String summary = model.summary();
        assertEquals(true, summary.contains("Trainable params: 0 (0.00 B)\nNon-trainable params: 8 (32.00 B)\n"), summary);
    }

    @Test
    void sizesReadAsKerasPrintsThem() {
        assertEquals("0.00 B", Summary.size(0));
        assertEquals("1023.00 B", Summary.size(1023));
        assertEquals("1.00 KB", Summary.size(1024));
        assertEquals("1.50 KB", Summary.size(1536));
        assertEquals("5.00 MB", Summary.size(5L << 20));
        assertEquals("2.25 GB", Summary.size(9L << 28));
    }
}
