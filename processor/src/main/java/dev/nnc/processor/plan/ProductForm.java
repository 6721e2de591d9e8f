package dev.nnc.processor.plan;

/**
 * How a layer's forward product runs, decided by the plan. Both sum each output in an order that
 * no vector width changes.
 */
public enum ProductForm {

    /** One output per lane, summed along the reduced dimension: every product but the next. */
    BROADCAST,

    /**
     * One dot product per row in the runtime's 16 fixed logical lanes: a layer of one unit, whose
     * single output per row would leave the broadcast form one chain of dependent scalar steps.
     */
    DOT
}
